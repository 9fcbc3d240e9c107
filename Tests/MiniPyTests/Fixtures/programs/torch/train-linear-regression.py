import torch
import torch.nn as nn
x = torch.linspace(-1, 1, 20).unsqueeze(1)
y = 3 * x - 0.5
model = nn.Linear(1, 1)
nn.init.constant_(model.weight, 0.0)
nn.init.constant_(model.bias, 0.0)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()
for epoch in range(50):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    if epoch % 10 == 0:
        print(epoch, round(loss.item(), 5))
print(model.weight.item(), model.bias.item())
