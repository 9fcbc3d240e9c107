import torch
x = torch.zeros(2, 3)
mask = torch.tensor([True, False, True])
print(x[:, mask].shape)
x[mask]
