import torch
scores = torch.tensor([0.2, 0.5, 0.3])
print(scores.topk(2).indices)
scores.topk(4)
