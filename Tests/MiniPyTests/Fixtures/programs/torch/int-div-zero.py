import torch
x = torch.tensor([5, 6])
print(torch.tensor([5.0, -5.0, 0.0]) // 0)
print(x / 0)
try:
    print(x // torch.tensor([1, 0]))
except RuntimeError as e:
    print("RuntimeError:", e)
print(x % torch.tensor([1, 0]))
