import torch
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence
packed = pack_sequence([torch.ones(4, 1), torch.ones(2, 1)])
pad_packed_sequence(packed, total_length=3)
