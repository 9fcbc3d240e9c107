import torch
x = torch.ones(2, 3)
print(x.sum(-1), x.softmax(1).shape)
x.sum(2)
