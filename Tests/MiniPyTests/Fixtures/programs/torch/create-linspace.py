import torch
print(torch.linspace(0, 1, 5))
print(torch.linspace(-1, 1, 7))
print(torch.linspace(0, 10, 4))
print(torch.linspace(1, 10, 10))
print(torch.linspace(0, 1, 1))
print(torch.linspace(2, 3, 0))
print(torch.linspace(0, 1, 11))
