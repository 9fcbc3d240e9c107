import torch
a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5, 6]])
print(torch.cat([a, b]))
print(torch.cat((a, a), dim=1))
print(torch.stack([a, a]).shape, torch.stack([a, a], dim=2).shape)
print(torch.cat([torch.tensor([]), torch.tensor([1.0, 2.0])]))
print(torch.cat([a, a.float()]))
print(torch.stack([torch.tensor(1), torch.tensor(2)]))
for bad in [lambda: torch.cat([a, torch.ones(2, 3)]), lambda: torch.stack([a, b]), lambda: torch.cat([]),
            lambda: torch.cat([torch.tensor(1.), torch.tensor(2.)]), lambda: torch.cat([a, b], dim=2)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", e)
