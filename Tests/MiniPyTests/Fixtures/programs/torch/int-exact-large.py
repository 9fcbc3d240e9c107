import torch
# float32 cannot hold 16777217; an int64 tensor must
x = torch.tensor([16777217, 16777219, 2**40 + 1])
print(x)
print(x.dtype, x[0].item(), x.tolist())
print(x + 1)
print(x * 3)
print(x.sum(), x.sum().item())
