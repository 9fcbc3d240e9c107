import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence
lstm = nn.LSTM(2, 2)
with torch.no_grad():
    for p in lstm.parameters():
        p.copy_(torch.linspace(-0.3, 0.3, p.numel()).view(p.shape))
x = torch.tensor([[[0.5, -0.5], [1.0, 0.0]], [[0.2, 0.3], [0.0, 0.0]]], requires_grad=True)
out, (h, c) = lstm(pack_padded_sequence(x, [2, 1]))
loss = h.sum() + out.data.pow(2).sum()
loss.backward()
print(loss)
print(x.grad)
print(lstm.weight_ih_l0.grad)
print(lstm.bias_hh_l0.grad)
