import torch
x = torch.arange(6.0).view(2, 3)
x.gather(1, torch.tensor([0, 1]))
