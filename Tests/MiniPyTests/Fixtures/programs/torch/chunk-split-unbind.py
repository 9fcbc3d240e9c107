import torch
x = torch.arange(10)
print(x.chunk(3))
print(x.split(4))
print(x.split([2, 3, 5]))
m = torch.arange(6).view(2, 3)
print(m.unbind())
print(m.unbind(1))
print(torch.chunk(m, 2, dim=1))
print(m.narrow(1, 1, 2))
print(m.select(1, 0))
try:
    x.split([2, 3])
except RuntimeError as e:
    print(e)
