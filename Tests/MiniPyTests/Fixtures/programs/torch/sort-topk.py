import torch
x = torch.tensor([0.3, 0.1, 0.4, 0.15, 0.9, 0.26])
v, i = x.sort()
print(v, i)
print(x.sort(descending=True))
print(x.argsort(), x.argsort(descending=True))
print(x.topk(3))
print(torch.topk(x, 2, largest=False))
m = x.view(2, 3)
print(m.topk(1, dim=1))
print(m.sort(dim=0))
try:
    x.topk(10)
except RuntimeError as e:
    print(e)
print(torch.tensor([3, 1, 2]).sort().values)
