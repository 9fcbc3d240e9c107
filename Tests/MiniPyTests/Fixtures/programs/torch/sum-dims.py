import torch
x = torch.arange(24.0).view(2, 3, 4) / 7
print(x.sum(0))
print(x.sum(1))
print(x.sum(-1))
print(x.sum(dim=(1, 2)))
print(x.mean(1, keepdim=True))
print(x.sum().item(), x.mean().item())
w = torch.linspace(-1, 1, 50).view(10, 5)
print(w.sum(0), w.sum(1))
print(w.sum(0).sum().item(), w.t().sum(1).sum().item())
