import torch
import torch.nn as nn

class Quadratic(nn.Module):
    def __init__(self):
        super().__init__()
        self.x = nn.Parameter(torch.tensor([3.0, -2.0]))
    def forward(self):
        return (self.x ** 2).sum()

q = Quadratic()
opt = torch.optim.Adam(q.parameters(), lr=0.1)
for i in range(50):
    opt.zero_grad()
    loss = q()
    loss.backward()
    opt.step()
print([round(v, 3) for v in q.x.tolist()])
