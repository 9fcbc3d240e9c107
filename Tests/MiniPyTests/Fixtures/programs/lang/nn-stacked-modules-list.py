import torch
import torch.nn as nn

class Deep(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.n = len(sizes) - 1
        for i in range(self.n):
            setattr(self, f"layer{i}", nn.Linear(sizes[i], sizes[i + 1]))
    def forward(self, x):
        for i in range(self.n):
            x = getattr(self, f"layer{i}")(x)
            if i < self.n - 1:
                x = torch.relu(x)
        return x

d = Deep([4, 8, 8, 2])
print(d)
print(d(torch.zeros(3, 4)).shape, sum(p.numel() for p in d.parameters()))
