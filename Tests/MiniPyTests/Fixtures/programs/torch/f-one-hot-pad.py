import torch
import torch.nn.functional as F
print(F.one_hot(torch.tensor([0, 2, 1])))
print(F.one_hot(torch.tensor([1, 0]), num_classes=4))
print(F.one_hot(torch.tensor([[0, 1], [2, 0]])).shape)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(F.pad(x, (1, 1)))
print(F.pad(x, (0, 2, 1, 0), value=-1.0))
print(F.pad(torch.tensor([1, 2, 3]), (2, 0)))
print(F.pad(x, (-1, 0)))
for bad in [lambda: F.one_hot(torch.tensor([0.0, 1.0])), lambda: F.one_hot(torch.tensor([3]), num_classes=2),
            lambda: F.one_hot(torch.tensor([-1])), lambda: F.pad(x, (1,))]:
    try:
        bad()
    except RuntimeError as e:
        print(e)
