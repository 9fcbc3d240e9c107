import torch
x = torch.arange(5)
idx = torch.tensor([1.0, 2.0])
x[idx]
