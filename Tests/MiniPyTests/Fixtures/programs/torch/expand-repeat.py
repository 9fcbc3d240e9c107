import torch
x = torch.tensor([[1], [2], [3]])
print(x.expand(3, 4))
print(x.expand(-1, 2))
print(torch.tensor([1, 2]).repeat(2, 3))
print(x.repeat(1, 2).shape)
print(torch.tensor([1., 2.]).expand(3, 2).stride())
try:
    x.expand(2, 4)
except RuntimeError as e:
    print(e)
