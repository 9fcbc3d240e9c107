import torch
a = torch.tensor([True, False, True])
b = torch.tensor([True, True, False])
print(a & b, a | b, a ^ b, ~a)
print(a.sum(), a.float().mean(), a.any(), a.all())
print(torch.logical_and(a, b), torch.logical_not(a))
x = torch.tensor([1.0, 2.0, 3.0])
print(x[a], (x > 1) & (x < 3))
print(torch.tensor([5, 6]) & 4, ~torch.tensor([0, 1]))
