import torch
x = torch.tensor([2**62])
print(x * 2)
print(x * 4)
y = torch.tensor([9223372036854775807])
print(y + 1)
print(torch.tensor([3, 4]) ** 40)
print(torch.tensor([2]) ** 63)
