import torch
print(torch.arange(3))
torch.arange(0, float('nan'))
