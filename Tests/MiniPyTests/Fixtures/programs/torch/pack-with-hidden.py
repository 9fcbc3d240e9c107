import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence
gru = nn.GRU(1, 2)
with torch.no_grad():
    for p in gru.parameters():
        p.fill_(0.2)
h0 = torch.tensor([[[1.0, -1.0], [0.5, 0.5], [0.0, 0.0]]])
seqs = [torch.tensor([[1.0]]), torch.tensor([[2.0], [3.0], [4.0]]), torch.tensor([[5.0], [6.0]])]
out, h = gru(pack_sequence(seqs, enforce_sorted=False), h0)
print(h)
print(pad_packed_sequence(out, batch_first=True)[0])
