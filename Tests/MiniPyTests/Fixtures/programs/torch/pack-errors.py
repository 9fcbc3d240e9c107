import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pack_sequence
x = torch.zeros(3, 4, 2)
for bad in [lambda: pack_padded_sequence(x, [4, 2, 3]),
            lambda: pack_padded_sequence(x, [3, 2, 0]),
            lambda: pack_padded_sequence(x, [3, 2]),
            lambda: pack_padded_sequence(x, torch.tensor([[3, 2, 1, 1]])),
            lambda: pack_sequence([torch.ones(1), torch.ones(2)]),
            lambda: pad_packed_sequence(pack_padded_sequence(x, [3, 3, 2, 1]), total_length=2),
            lambda: pad_packed_sequence(x)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", e)
