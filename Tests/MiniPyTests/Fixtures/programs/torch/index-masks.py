import torch
x = torch.tensor([[1., -2., 3.], [-4., 5., -6.]])
print(x[x > 0])
print(x[x < 0].sum())
mask = torch.tensor([True, False])
print(x[mask])
print(x[:, torch.tensor([True, False, True])])
x[x < 0] = 0
print(x)
try:
    x[torch.tensor([True, False, True])]
except IndexError as e:
    print(e)
