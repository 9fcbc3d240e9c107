import torch
mask = torch.tensor([True, False])
1 - mask
