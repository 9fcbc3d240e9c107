import torch
seqs = [[1, 2, 3], [4, 5], [6]]
lengths = [len(s) for s in seqs]
longest = max(lengths)
padded = torch.tensor([s + [0] * (longest - len(s)) for s in seqs])
print(padded, lengths)
mask = torch.tensor([[1 if i < n else 0 for i in range(longest)] for n in lengths])
print(mask, (padded * mask).sum().item())
