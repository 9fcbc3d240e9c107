import torch
import torch.nn as nn
ln = nn.LayerNorm(4)
print(ln, ln.weight, ln.bias)
x = torch.tensor([[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 2.0, 5.0]])
print(ln(x))
ln2 = nn.LayerNorm([2, 4], elementwise_affine=False)
print(ln2, ln2.weight)
print(ln2(x.unsqueeze(0)))
with torch.no_grad():
    ln.weight.fill_(2.0)
    ln.bias.fill_(0.5)
y = ln(x)
print(y)
y.sum().backward()
print(ln.weight.grad, ln.bias.grad)
try:
    ln(torch.ones(2, 3))
except RuntimeError as e:
    print(e)
