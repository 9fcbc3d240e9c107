import torch
x = torch.arange(6.0).view(2, 3)
row = x[0]
row[1] = -1
print(x)
col = x[:, 2]
col.fill_(7)
print(x)
t = x.t()
t[0, 1] = 42
print(x)
flat = x.view(-1)
flat.zero_()
print(x)
x.add_(1)
print(row, col)
