import torch
x = torch.arange(24).view(2, 3, 4)
print(x[1])
print(x[0, 2])
print(x[:, 1, ::2])
print(x[..., -1])
print(x[1:, :2, 1:3])
print(x[0, -1, -1].item())
try:
    x[2]
except IndexError as e:
    print(e)
try:
    x[0, 0, 0, 0]
except IndexError as e:
    print(e)
