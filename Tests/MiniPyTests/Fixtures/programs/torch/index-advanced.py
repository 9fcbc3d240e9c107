import torch
x = torch.arange(12).view(3, 4)
print(x[[0, 2]])
print(x[torch.tensor([2, 0, 2])])
print(x[[0, 1, 2], [3, 2, 1]])
print(x[:, [0, 3]])
print(x[1, [0, 2]])
print(x[torch.tensor([[0, 1], [1, 2]])].shape)
try:
    x[[0, 5]]
except IndexError as e:
    print(e)
try:
    x[torch.tensor([0.0])]
except IndexError as e:
    print(e)
