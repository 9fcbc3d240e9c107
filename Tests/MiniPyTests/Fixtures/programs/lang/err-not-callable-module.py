import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.size = 3
net = Net()
print(net.size)
net.size()
