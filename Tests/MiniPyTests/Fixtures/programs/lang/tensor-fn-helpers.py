import torch

def normalize(t):
    centered = t - t.mean()
    return centered / ((centered ** 2).mean() ** 0.5)

def describe(name, t):
    return f"{name}: shape={tuple(t.shape)} mean={t.mean().item():.3f}"

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(describe("x", x))
print(describe("norm", normalize(x)))
print(normalize(x))
stats = {k: round(f().item(), 3) for k, f in [("sum", x.sum), ("max", x.max), ("min", x.min)]}
print(stats)
