import torch
x = torch.zeros(1, 3, 1, 2)
print(x.squeeze().shape, x.squeeze(0).shape, x.squeeze(1).shape, x.squeeze(-2).shape)
print(x.unsqueeze(0).shape, x.unsqueeze(-1).shape)
y = torch.tensor([1, 2, 3])
print(y.unsqueeze(0), y.unsqueeze(1))
print(y[None, :, None].shape, y[:, None].shape)
