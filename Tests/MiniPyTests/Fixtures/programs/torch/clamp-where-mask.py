import torch
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
print(x.clamp(-1, 1), x.clamp(min=0), torch.clamp(x, max=0.25), x.clip(-0.5, 0.5))
print(torch.where(x > 0, x, torch.zeros_like(x)))
print(torch.where(x > 0, 1.0, -1.0))
print(torch.where(x > 0, x, 0.))
print(x.masked_fill(x < 0, float('-inf')))
print(x.masked_fill(x == 0, 9))
print(torch.where(x != 0))
i = torch.tensor([-3, 0, 5])
print(i.clamp(0, 4), i.clamp(0.5, 1.5), torch.where(i > 0, i, 0))
try:
    x.clamp()
except RuntimeError as e:
    print(e)
try:
    torch.where(x, x, x)
except RuntimeError as e:
    print(e)
try:
    x.masked_fill(torch.tensor([1, 0, 1, 0, 1]), 0)
except RuntimeError as e:
    print(e)
