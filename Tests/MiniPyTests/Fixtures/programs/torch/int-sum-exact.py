import torch
x = torch.tensor([2**40, 3, 2**40, -5])
print(x.sum(), x.sum().dtype)
print(torch.tensor([True, True, False]).sum())
print(torch.tensor([[1, 2], [3, 4]], dtype=torch.int32).sum(0), torch.tensor([1, 2], dtype=torch.int32).sum().dtype)
print(x.prod(), torch.tensor([2, 3, 4]).prod())
print(x.cumsum(0))
try:
    x.mean()
except Exception as e:
    print(type(e).__name__ + ":", e)
print(x.float().mean())
