import torch
import torch.nn as nn
lin = nn.Linear(3, 2, bias=False)
print(lin, lin.bias)
nn.init.constant_(lin.weight, 0.5)
print(lin(torch.ones(1, 3)))
print(list(lin.state_dict().keys()), len(list(lin.parameters())))
lin2 = nn.Linear(3, 2)
lin2.bias = None
print(lin2)
with torch.no_grad():
    lin2.weight.copy_(torch.ones(2, 3))
print(lin2(torch.tensor([1.0, 2.0, 3.0])))
