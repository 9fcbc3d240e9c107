import torch
print(torch.zeros(0))
print(torch.zeros(2, 0))
print(torch.zeros(0, dtype=torch.long))
print(torch.tensor([[]]))
print(torch.ones(1, 1, 1))
print(torch.zeros(3)[3:])
