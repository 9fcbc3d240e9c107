import torch
import torch.nn as nn
rnn = nn.LSTM(4, 8)
x = torch.zeros(5, 2, 3)
rnn(x)
