import torch
counts = torch.tensor([4, 6, 8])
counts /= 2
