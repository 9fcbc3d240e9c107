#!/usr/bin/env python3
"""Times torch.nn RNN/LSTM/GRU forward (eval, no_grad, one thread) on the shapes of engine-bench.
Output: one line per shape, "name<TAB>ms_per_call". Run by Scripts/bench.sh when TORCH_PYTHON is set."""
import time, warnings
warnings.filterwarnings("ignore")
import torch

torch.set_num_threads(1)
SHAPES = [
    ("RNN L=4 N=2 5->3", torch.nn.RNN, 4, 2, 5, 3, 1),
    ("RNN L=128 N=16 64->128 x2", torch.nn.RNN, 128, 16, 64, 128, 2),
    ("LSTM L=128 N=16 64->128 x2", torch.nn.LSTM, 128, 16, 64, 128, 2),
    ("GRU L=128 N=16 64->128 x2", torch.nn.GRU, 128, 16, 64, 128, 2),
    ("LSTM L=256 N=64 256->512", torch.nn.LSTM, 256, 64, 256, 512, 1),
]
for name, cls, L, N, i, h, layers in SHAPES:
    m = cls(i, h, layers).eval()
    x = torch.randn(L, N, i)
    with torch.no_grad():
        m(x)
        calls, start = 0, time.perf_counter()
        while True:
            m(x)
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 1.0 and calls >= 3:
                break
    print(f"{name}\t{elapsed / calls * 1e3:.6f}", flush=True)
