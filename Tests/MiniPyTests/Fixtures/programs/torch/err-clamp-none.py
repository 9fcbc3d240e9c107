import torch
torch.zeros(3).clamp()
