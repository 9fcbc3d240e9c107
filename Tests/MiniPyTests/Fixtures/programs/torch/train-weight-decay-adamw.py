import torch
import torch.nn as nn
lin = nn.Linear(2, 1)
nn.init.constant_(lin.weight, 1.0)
nn.init.zeros_(lin.bias)
opt = torch.optim.AdamW(lin.parameters(), lr=0.1, weight_decay=0.1)
for _ in range(5):
    opt.zero_grad()
    loss = (lin(torch.tensor([[1.0, -1.0]])) - 1).pow(2).sum()
    loss.backward()
    opt.step()
print(lin.weight, lin.bias)
