import torch
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence
seqs = [torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0]), torch.tensor([6.0])]
print(pack_sequence(seqs))
print(pack_sequence([seqs[1], seqs[0], seqs[2]], enforce_sorted=False))
p = pack_sequence([torch.ones(2, 3), torch.ones(1, 3) * 2])
print(p.data.shape, p.batch_sizes)
print(pad_packed_sequence(p))
