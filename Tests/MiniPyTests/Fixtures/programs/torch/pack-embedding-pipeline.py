import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence
sentences = [[3, 1, 4], [1, 5], [9, 2, 6, 5]]
lengths = torch.tensor([len(s) for s in sentences])
batch = pad_sequence([torch.tensor(s) for s in sentences], batch_first=True, padding_value=0)
print(batch, lengths)
emb = nn.Embedding(10, 3, padding_idx=0)
rnn = nn.RNN(3, 4, batch_first=True)
with torch.no_grad():
    emb.weight.copy_(torch.arange(30.0).view(10, 3) / 30)
    emb.weight[0].zero_()
    for p in rnn.parameters():
        nn.init.constant_(p, 0.1)
packed = pack_padded_sequence(emb(batch), lengths, batch_first=True, enforce_sorted=False)
out, h = rnn(packed)
print(h.squeeze(0))
unpacked, lens = pad_packed_sequence(out, batch_first=True)
print(unpacked.shape, lens)
print(unpacked[1])
