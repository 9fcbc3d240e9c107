import torch

def windows(seq, size, step=1):
    for start in range(0, len(seq) - size + 1, step):
        yield seq[start:start + size]

series = [float(i % 4) for i in range(10)]
pairs = [(w[:-1], w[-1]) for w in windows(series, 4, 2)]
print(pairs)
X = torch.tensor([p[0] for p in pairs])
y = torch.tensor([p[1] for p in pairs])
print(X.shape, y.shape, X.sum().item())
