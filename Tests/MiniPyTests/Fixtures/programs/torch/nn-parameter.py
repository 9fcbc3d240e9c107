import torch
import torch.nn as nn
p = nn.Parameter(torch.tensor([1.0, 2.0]))
print(p, type(p).__name__, p.requires_grad, isinstance(p, torch.Tensor), isinstance(p, nn.Parameter))
q = nn.Parameter(torch.zeros(2), requires_grad=False)
print(q)
t = torch.ones(3)
shared = nn.Parameter(t)
with torch.no_grad():
    t.mul_(4)
print(shared)
lin = nn.Linear(2, 1)
lin.weight = nn.Parameter(torch.tensor([[0.5, -0.5]]))
lin.bias = nn.Parameter(torch.tensor([1.0]))
print(lin(torch.tensor([[2.0, 4.0]])))
print(type(lin.weight).__name__, [n for n, _ in lin.named_parameters()])
