import torch
x = torch.arange(24).view(2, 3, 4)
print(x.transpose(0, 2).shape, x.permute(2, 0, 1).shape)
print(x.permute(2, 0, 1)[1])
print(x.transpose(1, 2).stride(), x.permute(2, 0, 1).stride())
m = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(m.t(), m.T)
print(m.t().t() is m)
