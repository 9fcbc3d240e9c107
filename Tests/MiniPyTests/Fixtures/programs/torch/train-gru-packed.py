import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_sequence
gru = nn.GRU(1, 3)
head = nn.Linear(3, 1)
params = list(gru.parameters()) + list(head.parameters())
with torch.no_grad():
    for k, p in enumerate(params):
        p.copy_(torch.cos(torch.arange(p.numel(), dtype=torch.float32) * (k + 1)).view(p.shape) * 0.4)
seqs = [torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([[1.0]]), torch.tensor([[2.0], [1.0]])]
target = torch.tensor([[6.0], [1.0], [3.0]]) / 6
opt = torch.optim.Adam(params, lr=0.05)
for step in range(25):
    opt.zero_grad()
    _, h = gru(pack_sequence(seqs, enforce_sorted=False))
    loss = ((head(h[-1]) - target) ** 2).mean()
    loss.backward()
    opt.step()
    if step % 8 == 0:
        print(step, f"{loss.item():.5f}")
print(head(gru(pack_sequence(seqs, enforce_sorted=False))[1][-1]))
