import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 3)
        self.b = nn.Linear(3, 1)

names = []
def visit(m):
    names.append(type(m).__name__)
net = Net()
net.apply(visit)
print(names)
def zero_bias(m):
    if isinstance(m, nn.Linear):
        with torch.no_grad():
            m.bias.zero_() if hasattr(m.bias, "zero_") and False else None
net.apply(zero_bias)
print(net.b.bias.shape)
