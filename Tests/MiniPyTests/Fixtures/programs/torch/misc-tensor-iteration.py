import torch
m = torch.tensor([[1, 2], [3, 4], [5, 6]])
for row in m:
    print(row, row.sum().item())
print(len(m), list(torch.tensor([7, 8])))
print([t.item() for t in torch.tensor([1.5, 2.5])])
a, b, c = m
print(a, c)
print(sum(torch.tensor([1.0, 2.0, 3.0])))
print(max(torch.tensor([3, 9, 2])))
