import torch
import torch.nn as nn
x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.2], [0.9, 0.8]])
y = torch.tensor([[0.0], [0.0], [0.0], [1.0], [0.0], [1.0]])
model = nn.Sequential(nn.Linear(2, 1))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.1, -0.1]]))
    model[0].bias.zero_()
opt = torch.optim.SGD(model.parameters(), lr=0.5)
loss_fn = nn.BCEWithLogitsLoss()
for step in range(100):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
print(f"{loss.item():.4f}")
print((torch.sigmoid(model(x)) > 0.5).float().squeeze())
print(model[0].weight, model[0].bias)
