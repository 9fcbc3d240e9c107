import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
x = torch.tensor([[1.0, 0.0, 0.0], [2.0, 3.0, 4.0], [5.0, 6.0, 0.0]])
lengths = [1, 3, 2]
packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
print(packed)
out, lens = pad_packed_sequence(packed, batch_first=True)
print(out, lens)
print(torch.equal(out, x))
print(pad_packed_sequence(packed, batch_first=True, total_length=5)[0])
print(pad_packed_sequence(packed, padding_value=-9.0)[0])
