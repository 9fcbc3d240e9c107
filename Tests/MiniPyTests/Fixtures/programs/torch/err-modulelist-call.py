import torch.nn as nn
blocks = nn.ModuleList([nn.Linear(2, 2)])
blocks(1)
