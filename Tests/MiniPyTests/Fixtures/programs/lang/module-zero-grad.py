import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 1)
    def forward(self, x):
        return self.lin(x).sum()

m = M()
m.load_state_dict({"lin.weight": torch.tensor([[1.0, 2.0]]), "lin.bias": torch.tensor([0.5])})
out = m(torch.tensor([[1.0, 1.0]]))
out.backward()
print(m.lin.weight.grad, m.lin.bias.grad)
m.zero_grad()
print(m.lin.weight.grad)
