import torch
print(torch.tensor([[1, 2], [3, 4]]))
print(torch.tensor([1, 2.5, True]))
print(torch.tensor([[1.0], [2.0]]).shape)
print(torch.tensor((1, 2, 3)))
print(torch.tensor([torch.tensor(1.5), torch.tensor(2.5)]))
print(torch.tensor([1.9, -1.9], dtype=torch.int64))
print(torch.tensor([1, 0, 2], dtype=torch.bool))
print(torch.tensor(5).shape, torch.tensor([5]).shape)
