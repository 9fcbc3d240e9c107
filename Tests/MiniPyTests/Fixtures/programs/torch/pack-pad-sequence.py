import torch
from torch.nn.utils.rnn import pad_sequence
a = torch.tensor([1, 2, 3])
b = torch.tensor([4, 5])
c = torch.tensor([6])
print(pad_sequence([a, b, c]))
print(pad_sequence([a, b, c], batch_first=True))
print(pad_sequence([a, b, c], batch_first=True, padding_value=-1))
print(pad_sequence([a, b], padding_side="left"))
seqs = [torch.ones(3, 2), torch.zeros(1, 2)]
print(pad_sequence(seqs).shape, pad_sequence(seqs, batch_first=True).shape)
for bad in [lambda: pad_sequence([]), lambda: pad_sequence([a, torch.ones(2, 2)]), lambda: pad_sequence([a, 1])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", e)
