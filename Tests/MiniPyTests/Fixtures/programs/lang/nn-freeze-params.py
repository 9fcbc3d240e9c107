import torch
import torch.nn as nn

class TwoPart(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(3, 3)
        self.head = nn.Linear(3, 1)
    def forward(self, x):
        return self.head(torch.tanh(self.body(x)))

m = TwoPart()
for p in m.body.parameters():
    p.requires_grad = False
trainable = [n for n, p in m.named_parameters() if p.requires_grad]
print(trainable)
out = m(torch.ones(2, 3)).sum()
out.backward()
print(m.body.weight.grad, m.head.weight.grad is not None)
