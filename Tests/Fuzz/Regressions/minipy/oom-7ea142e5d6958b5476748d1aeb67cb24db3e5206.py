import torch
y1 = torch.nn.RNN(4, 16, num_layers=10**9, batch_first=True)
h2 = torch.randn(5, 0, 4)
out, h = y1(h2)
print(out.shape, h.shape)

