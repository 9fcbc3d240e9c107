import torch
x = torch.zeros(3, 4)
x[0] = 1
x[1, 1:3] = torch.tensor([5., 6.])
x[:, -1] = torch.tensor([7., 8., 9.])
x[2] += 10
print(x)
y = torch.arange(5)
y[[0, 2]] = torch.tensor([100, 200])
y[y > 150] = -1
print(y)
z = torch.tensor([1, 2, 3])
z[0] = 2.9
print(z)
