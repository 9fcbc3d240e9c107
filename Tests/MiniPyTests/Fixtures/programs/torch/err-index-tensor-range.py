import torch
out = torch.zeros(2, 4, 3)
lengths = torch.tensor([4, 2])
print(out[torch.arange(2), lengths - 1].shape)
out[torch.arange(2), lengths]
