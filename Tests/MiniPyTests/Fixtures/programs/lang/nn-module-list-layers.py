import torch
import torch.nn as nn

class Stack(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])
    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = torch.tanh(x)
        return x

s = Stack([2, 4, 4, 1])
print(s)
print(len(s.layers), s(torch.zeros(5, 2)).shape, [n for n, _ in s.named_parameters()][:4])
