import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.3))
        self.rnn = nn.GRU(2, 3)
    def forward(self, x):
        return self.body(x)
net = Net()
print(net.training, net.body.training, net.body[1].training, net.rnn.training)
net.eval()
print(net.training, net.body[1].training, net.rnn.training)
net.body.train()
print(net.training, net.body.training, net.body[0].training)
print([m.training for m in net.modules()])
