import torch
from torch.nn.utils.rnn import pack_padded_sequence
x = torch.zeros(4, 3, 2)
pack_padded_sequence(x, [4, 3])
