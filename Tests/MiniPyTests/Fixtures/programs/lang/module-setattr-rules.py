import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.w = nn.Parameter(torch.ones(2))

m = M()
m.fc = None
print(m)
print([n for n, _ in m.named_parameters()])
try:
    m.w = torch.zeros(2)
except TypeError as e:
    print("TypeError:", e)
m.w = nn.Parameter(torch.zeros(3))
print(m.w.shape)
