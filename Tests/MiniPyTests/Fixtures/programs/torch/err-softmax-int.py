import torch
torch.softmax(torch.tensor([1, 2, 3]), dim=0)
