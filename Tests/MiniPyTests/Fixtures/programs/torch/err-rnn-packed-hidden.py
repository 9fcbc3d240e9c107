import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence
rnn = nn.RNN(2, 3)
packed = pack_padded_sequence(torch.zeros(4, 2, 2), [4, 2])
out, h = rnn(packed)
print(h.shape)
rnn(packed, torch.zeros(1, 3, 3))
