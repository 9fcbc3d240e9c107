import torch
import torch.nn as nn

class Ensemble(nn.Module):
    def __init__(self):
        super().__init__()
        self.members = [nn.RNN(2, 2), nn.GRU(2, 2)]
        self.a = self.members[0]
        self.b = self.members[1]
    def forward(self, x):
        return [m(x)[0].shape for m in self.members]

e = Ensemble()
print(e(torch.zeros(4, 1, 2)))
print([n for n, _ in e.named_children()])
print(len(list(e.parameters())))
