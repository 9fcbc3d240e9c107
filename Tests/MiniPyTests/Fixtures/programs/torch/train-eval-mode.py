import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(3, 3), nn.Dropout(0.5), nn.Linear(3, 1))
for p in model.parameters():
    nn.init.constant_(p, 0.2)
x = torch.ones(2, 3)
model.eval()
with torch.no_grad():
    a = model(x)
    b = model(x)
print(a, torch.equal(a, b))
model.train()
print(model.training, model[1].training)
out = model(x)
print(out.shape, out.requires_grad)
