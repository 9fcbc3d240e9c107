import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence
rnn = nn.RNN(1, 2)
with torch.no_grad():
    rnn.weight_ih_l0.copy_(torch.tensor([[0.5], [-0.3]]))
    rnn.weight_hh_l0.copy_(torch.tensor([[0.1, 0.2], [-0.2, 0.4]]))
    rnn.bias_ih_l0.fill_(0.1)
    rnn.bias_hh_l0.fill_(-0.05)
seqs = [torch.tensor([[4.0], [5.0]]), torch.tensor([[1.0], [2.0], [3.0]]), torch.tensor([[6.0]])]
packed = pack_sequence(seqs, enforce_sorted=False)
out, h = rnn(packed)
print(type(out).__name__, out.batch_sizes)
print(out.data)
print(h)
padded, lengths = pad_packed_sequence(out)
print(padded, lengths)
for k, s in enumerate(seqs):
    o, hk = rnn(s.unsqueeze(1))
    print(torch.allclose(hk[0, 0], h[0, k]), torch.allclose(o[:, 0], padded[:len(s), k]))
