import torch
import torch.nn.functional as F
x = torch.tensor([[1.0, 2.0], [3.0, 5.0]])
print(F.softmax(x))
print(F.softmax(torch.tensor([1.0, 2.0, 3.0])))
print(F.log_softmax(x, 1))
try:
    torch.softmax(x)
except TypeError as e:
    print(e)
