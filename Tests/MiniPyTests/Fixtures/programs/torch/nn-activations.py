import torch
import torch.nn as nn
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
for m in [nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.LeakyReLU(), nn.LeakyReLU(0.2), nn.ELU(), nn.SiLU(), nn.Softplus(), nn.Identity()]:
    print(m, m(x))
print(nn.Softmax(dim=0)(x), nn.LogSoftmax(dim=0)(x))
print(nn.Flatten()(torch.ones(2, 3, 4)).shape, nn.Flatten(0, 1)(torch.ones(2, 3, 4)).shape)
print(nn.ReLU(inplace=True))
