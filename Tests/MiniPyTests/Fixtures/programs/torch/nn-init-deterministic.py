import torch
import torch.nn as nn
w = torch.empty(2, 3)
print(nn.init.zeros_(w))
print(nn.init.ones_(w))
print(nn.init.constant_(w, 0.25))
print(nn.init.eye_(torch.empty(3, 4)))
print(nn.init.calculate_gain('tanh'), nn.init.calculate_gain('relu'), nn.init.calculate_gain('leaky_relu', 0.2), nn.init.calculate_gain('sigmoid'))
lin = nn.Linear(4, 2)
r = nn.init.constant_(lin.bias, 0.0)
print(r is lin.bias, lin.bias)
rnn = nn.LSTM(2, 3)
for name, p in rnn.named_parameters():
    if "bias" in name:
        nn.init.zeros_(p)
    else:
        nn.init.constant_(p, 0.1)
out, (h, c) = rnn(torch.ones(2, 1, 2))
print(h)
try:
    nn.init.eye_(torch.empty(2, 2, 2))
except ValueError as e:
    print(e)
try:
    nn.init.xavier_uniform_(torch.empty(3))
except ValueError as e:
    print(e)
