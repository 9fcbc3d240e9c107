import torch
import torch.nn as nn
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(1, 4, batch_first=True)
        self.fc = nn.Linear(4, 1)
    def forward(self, x):
        out, h = self.rnn(x)
        return self.fc(out[:, -1])
model = Model()
for name, p in model.named_parameters():
    nn.init.constant_(p, 0.1 if "weight" in name else 0.0)
x = torch.tensor([[[0.0], [0.1], [0.2]], [[0.3], [0.4], [0.5]]])
y = torch.tensor([[0.3], [0.6]])
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(30):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    opt.step()
print(f"{loss.item():.5f}")
print(model(x))
