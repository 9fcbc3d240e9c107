import torch
import torch.nn as nn

class XorNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 4)
        self.out = nn.Linear(4, 1)

    def forward(self, x):
        return torch.sigmoid(self.out(torch.tanh(self.hidden(x))))

net = XorNet()
net.load_state_dict({
    "hidden.weight": torch.tensor([[1.0, -1.0], [-1.0, 1.0], [0.5, 0.5], [-0.5, -0.5]]),
    "hidden.bias": torch.tensor([0.0, 0.0, -0.2, 0.2]),
    "out.weight": torch.tensor([[1.0, 1.0, -1.0, 1.0]]),
    "out.bias": torch.tensor([0.0]),
})
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
opt = torch.optim.SGD(net.parameters(), lr=0.5)
loss_fn = nn.MSELoss()
for step in range(301):
    opt.zero_grad()
    loss = loss_fn(net(X), Y)
    loss.backward()
    opt.step()
    if step % 100 == 0:
        print(step, round(loss.item(), 4))
print((net(X) > 0.5).int().flatten().tolist())
