#!/usr/bin/env python3
"""Times torch.nn RNN/LSTM/GRU on the shapes of engine-bench, one thread: forward (eval, no_grad) and forward +
backward (autograd.grad of the output for the input and every parameter, as the engine's backward computes).
Output: the lines engine-bench prints (name, mode, median_cpu_us, min_cpu_us, median_wall_us, calls, gflop).
Run by Scripts/bench.sh when a Python with torch is found; --only TEXT, --mode fwd|fwdbwd|both, --seconds S."""
import argparse, time, warnings
warnings.filterwarnings("ignore")
import torch

torch.set_num_threads(1)
ap = argparse.ArgumentParser()
ap.add_argument("--only", default="")
ap.add_argument("--mode", default="both")
ap.add_argument("--seconds", type=float, default=0.4)
a = ap.parse_args()

SIZES = [("tiny L=4 N=2 5->3", 4, 2, 5, 3, 1), ("medium L=128 N=16 64->128 x2", 128, 16, 64, 128, 2),
         ("large L=256 N=64 256->512", 256, 64, 256, 512, 1)]
for module in ("RNN", "LSTM", "GRU"):
    cls = getattr(torch.nn, module)
    for size, L, N, i, h, layers in SIZES:
        name = f"{module} {size}"
        if a.only not in name:
            continue
        g = 4 if module == "LSTM" else 3 if module == "GRU" else 1
        flops = sum(2 * L * N * g * h * ((i if k == 0 else h) + h) for k in range(layers))
        m = cls(i, h, layers).eval()
        x = torch.randn(L, N, i)
        xg = x.clone().requires_grad_()
        dout = torch.randn(L, N, h)
        params = list(m.parameters())
        for mode in ("fwd", "fwdbwd"):
            if a.mode not in ("both", mode):
                continue
            def call():
                if mode == "fwd":
                    with torch.no_grad():
                        m(x)
                else:
                    out, _ = m(xg)
                    torch.autograd.grad(out, [xg] + params, dout)
            call()
            probe = time.perf_counter()
            call()
            per_sample = max(1, int(0.002 / max(1e-9, time.perf_counter() - probe)))   # ~2 ms per sample
            cpu, wall = [], []
            start = time.thread_time()
            while time.thread_time() - start < a.seconds or len(cpu) < 3:
                c0, w0 = time.thread_time(), time.perf_counter()
                for _ in range(per_sample):
                    call()
                cpu.append((time.thread_time() - c0) / per_sample)
                wall.append((time.perf_counter() - w0) / per_sample)
            med = lambda v: sorted(v)[len(v) // 2]
            k = 1 if mode == "fwd" else 3
            print(f"{name}\t{mode}\t{med(cpu) * 1e6:.3f}\t{min(cpu) * 1e6:.3f}\t{med(wall) * 1e6:.3f}\t{len(cpu)}\t{flops * k / 1e9:.6f}", flush=True)
