import torch
try:
    torch.nn.Linear(2**40, 2**40)
except RuntimeError as e:
    print(e)
try:
    torch.zeros(2**62, 4)
except RuntimeError as e:
    print(e)
print(torch.ones(3).view(-1, 1).shape)
torch.ones(3).view(2**62, 4)
