import torch
print(torch.arange(40))
print(torch.arange(25.0) / 7)
print(torch.linspace(0, 1, 21))
print(torch.arange(-20, 20, 3))
