import torch
import torch.nn as nn
d = nn.Dropout(0.5)
print(d, d.training, d.p)
x = torch.ones(4, 5)
print(d(x).shape)
d.eval()
print(d.training, d(x))
print(nn.Dropout(0.0)(x).sum(), nn.Dropout(1.0)(x).sum())
try:
    nn.Dropout(1.5)
except ValueError as e:
    print(e)
import torch.nn.functional as F
print(F.dropout(x, 0.5, training=False).sum())
