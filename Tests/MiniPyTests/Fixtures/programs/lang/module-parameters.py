import torch
import torch.nn as nn

class Bias(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.b = nn.Parameter(torch.zeros(n))
        self.scale = nn.Parameter(torch.ones(1), requires_grad=False)
        self.plain = torch.ones(2)

    def forward(self, x):
        return x * self.scale + self.b

m = Bias(3)
for name, p in m.named_parameters():
    print(name, p.shape, p.requires_grad)
print(list(m.state_dict().keys()))
print(m(torch.tensor([1.0, 2.0, 3.0])))
print(type(m.b).__name__, isinstance(m.b, torch.Tensor), isinstance(m.b, nn.Parameter))
print(m.b)
