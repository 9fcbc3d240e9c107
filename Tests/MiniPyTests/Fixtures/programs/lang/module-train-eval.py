import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 2)
        self.b = nn.LSTM(2, 2)

net = Net()
print(net.training, net.a.training, net.b.training)
net.eval()
print(net.training, net.a.training, net.b.training)
net.train()
print(net.training)
r = net.train(False)
print(r is net, net.a.training)
