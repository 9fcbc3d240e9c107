import torch

out = torch.arange(24.0).view(2, 4, 3)
lengths = torch.tensor([4, 2])
print(out[torch.arange(2), lengths - 1])
targets = torch.tensor([[3, 1, 0, 0], [2, 5, 4, 0]])
print(targets[targets != 0])
print((targets != 0).sum(), (targets != 0).sum(dim=1))
mask = targets == 0
logits = torch.ones(2, 4) * 2.5
logits[mask] = 0.0
print(logits)
scores = torch.tensor([0.1, 0.7, 0.2, 0.9, 0.4])
idx = torch.tensor([[0, 4], [3, 3]])
print(scores[idx], scores[[1, 2]], scores[scores > 0.3])
print(scores[torch.tensor([True, False, True, False, True])])
x = torch.arange(12).view(3, 4)
print(x[:, torch.tensor([0, 3])], x[torch.tensor([2, 0])], x[x % 5 == 0])
x[x > 8] = -1
print(x)
rows = torch.tensor([0, 1, 2])
cols = torch.tensor([1, 0, 3])
print(x[rows, cols], x[rows, cols].dtype)
vals = scores.clone()
vals[torch.tensor([0, 2])] = torch.tensor([5.0, 6.0])
print(vals)
print(torch.where(scores > 0.5, scores, torch.zeros(5)), scores.masked_fill(scores < 0.3, -1.0))
