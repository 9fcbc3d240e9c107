import torch
x = torch.arange(2000)
print(x)
y = torch.arange(1200.0).view(40, 30)
print(y)
z = torch.arange(30).view(2, 3, 5)
print(z)
