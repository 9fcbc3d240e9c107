import torch
a = torch.zeros(3)
b = a
b += 1
print(a)
b[0] = 5
print(a)
c = a.clone()
c[1] = 99
print(a, c)
lst = [a]
lst[0].mul_(2)
print(a)
print(b is a, c is a)
