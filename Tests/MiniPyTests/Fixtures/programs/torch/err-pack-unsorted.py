import torch
from torch.nn.utils.rnn import pack_padded_sequence
batch = torch.zeros(3, 4, 2)
pack_padded_sequence(batch, [2, 4, 3], batch_first=True)
