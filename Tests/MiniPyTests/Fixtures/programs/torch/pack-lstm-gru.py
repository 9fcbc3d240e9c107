import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence
for mode in ["LSTM", "GRU"]:
    for bidirectional in [False, True]:
        m = getattr(nn, mode)(2, 3, num_layers=2, bidirectional=bidirectional, batch_first=True)
        with torch.no_grad():
            for k, p in enumerate(m.parameters()):
                p.copy_(torch.linspace(-0.5, 0.5, p.numel()).view(p.shape) * (1 + 0.1 * k))
        seqs = [torch.tensor([[0.1, 0.2], [0.3, -0.1], [0.5, 0.5]]), torch.tensor([[-0.2, 0.4]]), torch.tensor([[0.9, -0.3], [0.1, 0.1]])]
        x = pad_sequence(seqs, batch_first=True)
        out, state = m(pack_padded_sequence(x, [3, 1, 2], batch_first=True, enforce_sorted=False))
        padded, lens = pad_packed_sequence(out, batch_first=True)
        print(mode, bidirectional, padded.shape, lens)
        print(padded[:, -1])
        h = state[0] if mode == "LSTM" else state
        print(h[-1])
