import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
print(model[1])
model[2]
