import torch
import torch.nn as nn
from collections import OrderedDict
encoder = nn.Sequential(nn.Linear(4, 3), nn.Tanh())
model = nn.Sequential(OrderedDict([("enc", encoder), ("drop", nn.Dropout(0.1)), ("head", nn.Linear(3, 1))]))
print(model)
print(model.enc, model.head.out_features)
print([k for k in model.state_dict()])
print(sum(p.numel() for p in model.parameters()))
