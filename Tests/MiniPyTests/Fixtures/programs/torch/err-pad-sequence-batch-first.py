import torch
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence
seqs = [torch.ones(3, 2), torch.ones(1, 2)]
print(pad_sequence(seqs, True).shape, pad_sequence(seqs, padding_value=-1).shape)
for bad in [lambda: pad_sequence(seqs, batch_first=1), lambda: pad_sequence(seqs, True, 'pad'), lambda: pack_padded_sequence(torch.ones(3, 2), 3), lambda: pack_padded_sequence(torch.ones(3, 2), [[3, 2]])]:
    try:
        bad()
    except (TypeError, RuntimeError) as e:
        print(type(e).__name__, e)
pack_padded_sequence(torch.zeros(3, 2, 4), torch.tensor([[3, 2]]), batch_first=True)
