import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 0.0], [6.0, 0.0, 0.0]])
packed = pack_padded_sequence(x, [3, 2, 1], batch_first=True)
print(packed)
print(packed.data, packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices)
data, batch_sizes, _, _ = packed
print(data, batch_sizes, len(packed), type(packed).__name__)
padded, lengths = pad_packed_sequence(packed, batch_first=True)
print(padded, lengths)
print(pad_packed_sequence(packed)[0])
print(pack_padded_sequence(x, torch.tensor([3, 2, 1]), batch_first=True).batch_sizes)
