import torch
x = torch.tensor([1.0, -1.0])
torch.where(x, x, -x)
