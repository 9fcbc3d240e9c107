import torch
print(torch.tensor(3).item(), type(torch.tensor(3).item()).__name__)
print(torch.tensor(2.5).item(), type(torch.tensor(2.5).item()).__name__)
print(torch.tensor(True).item())
print(torch.tensor([[1, 2], [3, 4]]).tolist())
print(torch.tensor([[1.5, 2.0]]).tolist())
print(torch.tensor([True, False]).tolist())
print(int(torch.tensor(7)), float(torch.tensor(7)), bool(torch.tensor(0)))
print(torch.tensor(0.1).item())
