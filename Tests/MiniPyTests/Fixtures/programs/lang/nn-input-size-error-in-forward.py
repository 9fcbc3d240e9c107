import torch
import torch.nn as nn

class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=8, hidden_size=4)
    def forward(self, x):
        return self.lstm(x)[0]

enc = Encoder()
out = enc(torch.zeros(5, 1, 10))
