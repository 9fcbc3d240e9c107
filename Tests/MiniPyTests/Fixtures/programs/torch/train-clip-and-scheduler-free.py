import torch
import torch.nn as nn
lstm = nn.LSTM(2, 2)
for p in lstm.parameters():
    nn.init.constant_(p, 0.5)
opt = torch.optim.SGD(lstm.parameters(), lr=1.0, momentum=0.9)
x = torch.ones(5, 1, 2) * 3
for step in range(3):
    opt.zero_grad()
    out, _ = lstm(x)
    loss = out.pow(2).sum() * 10
    loss.backward()
    norm = nn.utils.clip_grad_norm_(lstm.parameters(), max_norm=1.0)
    opt.step()
    print(step, f"{loss.item():.4f}", f"{norm.item():.4f}")
for g in opt.param_groups:
    g["lr"] = 0.1
print(opt.param_groups[0]["lr"], lstm.weight_hh_l0[0])
