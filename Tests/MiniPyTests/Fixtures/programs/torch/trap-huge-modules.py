import torch
try:
    torch.nn.RNN(2, 2**62)
except RuntimeError as e:
    print(e)
print(torch.tensor([9223372036854775807]) - 1, torch.tensor(-9223372036854775807 - 1))
try:
    torch.arange(0, float('inf'))
except RuntimeError as e:
    print(e)
torch.nn.RNN(2, 2**62)
