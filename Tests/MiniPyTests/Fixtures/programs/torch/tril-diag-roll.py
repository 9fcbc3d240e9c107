import torch
m = torch.arange(1., 10.).view(3, 3)
print(m.tril(), m.triu(1), torch.tril(torch.ones(3, 3)))
print(m.diag(), torch.diag(torch.tensor([1, 2])), m.trace(), m.diagonal())
print(m.roll(1), m.roll(1, 0), torch.roll(m, shifts=-1, dims=1))
print(torch.tensor([3, 1, 3, 2]).unique(), torch.tensor([3, 1, 3, 2]).bincount())
print(torch.unique(torch.tensor([3, 1, 3, 2]), return_counts=True))
mask = torch.triu(torch.ones(3, 3), diagonal=1).bool()
print(torch.zeros(3, 3).masked_fill(mask, float('-inf')))
