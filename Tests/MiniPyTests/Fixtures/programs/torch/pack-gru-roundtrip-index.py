import torch
from torch import nn
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence

gru = nn.GRU(2, 3, batch_first=True)
with torch.no_grad():
    for p in gru.parameters():
        p.copy_(torch.linspace(-0.4, 0.6, p.numel()).view(p.shape))
a = torch.tensor([[1.0, 0.0], [0.5, -1.0], [0.0, 2.0]])
b = torch.tensor([[0.2, 0.3]])
c = torch.tensor([[-1.0, 1.0], [1.0, 1.0]])
padded = pad_sequence([a, b, c], batch_first=True, padding_value=-9.0)
print(padded.shape)
lengths = [3, 1, 2]
packed = pack_padded_sequence(padded, lengths, batch_first=True, enforce_sorted=False)
print(packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices)
print(packed.data.shape)
out_packed, h_n = gru(packed)
out, out_lengths = pad_packed_sequence(out_packed, batch_first=True, padding_value=0.0, total_length=4)
print(out.shape, out_lengths)
print(out)
last = out[torch.arange(3), out_lengths - 1]
print(last)
print(torch.allclose(last, h_n[0]))
print(h_n)
unpacked, _ = gru(padded)
print(torch.allclose(unpacked[0], out[0, :3]), torch.allclose(unpacked[1, 0], out[1, 0]))
print(unpacked[1, -1] - h_n[0, 1])
