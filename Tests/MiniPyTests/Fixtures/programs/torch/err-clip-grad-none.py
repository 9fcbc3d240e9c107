import torch
import torch.nn as nn
lin = nn.Linear(2, 1)
print(nn.utils.clip_grad_norm_(lin.parameters(), 1.0))
lin(torch.ones(1, 2)).sum().backward()
nn.utils.clip_grad_norm_(lin.parameters(), 1.0, norm_type='fro')
