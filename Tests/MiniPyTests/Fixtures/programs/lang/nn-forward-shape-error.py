import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(4, 8, batch_first=True)
        self.fc = nn.Linear(16, 2)

    def forward(self, x):
        out, h = self.rnn(x)
        return self.fc(out[:, -1])

net = Net()
print(net(torch.zeros(2, 3, 4)).shape)
