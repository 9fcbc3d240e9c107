import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.l = nn.Linear(2, 2)
    def forward(self, x):
        return self.l(x)

m = M()
m.eval()
with torch.no_grad():
    y = m(torch.ones(1, 2))
print(y.requires_grad, m.training, torch.is_grad_enabled())
y2 = m(torch.ones(1, 2))
print(y2.requires_grad, y2.grad_fn is not None)
