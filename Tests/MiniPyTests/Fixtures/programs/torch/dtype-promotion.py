import torch
i = torch.tensor([1, 2])
f = torch.tensor([0.5, 0.25])
b = torch.tensor([True, False])
print((i + f).dtype, (i * 2).dtype, (i * 2.0).dtype, (i / 2).dtype)
print((b + 1).dtype, (b + b).dtype, (b * 1.5).dtype)
print(b + b, b * b, b + 1)
print((i + torch.tensor(2.0)).dtype, (i.int() + torch.tensor(3)).dtype)
print(i == 1, f > 0.3, (i == 1).dtype)
