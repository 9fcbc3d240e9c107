import torch
x = torch.ones(3)
try:
    x.expand(2**62, 3)
except RuntimeError as e:
    print(e)
x.repeat(2**62)
