import torch
x = torch.linspace(-3, 3, 100) * 0.37
print(x.sum().item(), x.mean().item())
y = (torch.arange(300.0) % 7 - 3) / 9
print(y.sum().item(), y.view(30, 10).sum(0), y.view(30, 10).sum(1)[:5])
z = torch.arange(200.0).view(10, 20) / 11
print(z.sum(0).tolist()[:4], z.sum(1).tolist()[:4])
print(z.sum().item(), z.mean().item())
