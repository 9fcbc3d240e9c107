import torch
import torch.nn as nn
ln = nn.LayerNorm(5)
ln(torch.zeros(2, 4))
