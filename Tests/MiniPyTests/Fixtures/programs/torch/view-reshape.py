import torch
x = torch.arange(12)
print(x.view(3, 4))
print(x.view(-1, 6).shape, x.reshape(2, 2, 3).shape)
print(x.view(3, 4).t().is_contiguous())
try:
    x.view(3, 4).t().view(-1)
except RuntimeError as e:
    print(e)
print(x.view(3, 4).t().reshape(-1))
print(x.view(3, 4).t().contiguous().view(-1))
try:
    x.view(5, -1)
except RuntimeError as e:
    print(e)
print(x.view(2, 6).flatten(), x.view(2, 3, 2).flatten(1).shape)
