import torch
print(torch.tensor([1, -10, 100, -1000]))
print(torch.tensor([[5, 123456], [-7, 0]]))
print(torch.tensor([[True, False], [False, True]]))
print(torch.tensor([1000000, 2]) * 1000000)
