import torch
print(torch.bincount(torch.tensor([0, 2, 2])))
torch.bincount(torch.tensor([1, -1]))
