import torch
import torch.nn as nn


class SeqRegressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(1, 3, num_layers=2)
        self.fc = nn.Linear(3, 1)
        for name, p in self.named_parameters():
            if 'weight' in name:
                nn.init.constant_(p, 0.1)
            else:
                nn.init.zeros_(p)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[-1])


model = SeqRegressor()
for name, p in model.named_parameters():
    print(name, tuple(p.shape), p.sum().item())
x = torch.linspace(0, 1, 10).view(5, 2, 1)
target = torch.tensor([[0.5], [-0.5]])
opt = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.5)
loss_fn = nn.MSELoss()
for step in range(5):
    opt.zero_grad()
    pred = model(x)
    loss = loss_fn(pred, target)
    loss.backward()
    grad_norm = torch.sqrt(sum((p.grad ** 2).sum() for p in model.parameters()))
    opt.step()
    print(step, f"{loss.item():.5f}", f"{grad_norm.item():.5f}")
print(model(x).detach())
print(model.fc.weight.grad)
