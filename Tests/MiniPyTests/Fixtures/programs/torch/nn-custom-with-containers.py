import torch
import torch.nn as nn
class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])
        self.act = nn.Tanh()
    def forward(self, x):
        for layer in self.layers[:-1]:
            x = self.act(layer(x))
        return self.layers[-1](x)
net = MLP([3, 5, 4, 2])
print(net)
for name, p in net.named_parameters():
    nn.init.constant_(p, 0.05)
    print(name, tuple(p.shape))
print(net(torch.tensor([[1.0, 2.0, 3.0]])))
