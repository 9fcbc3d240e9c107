import torch
import torch.nn.functional as F
w = torch.tensor([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]])
print(F.embedding(torch.tensor([2, 0]), w))
print(F.embedding(torch.tensor([[1, 1]]), w).shape)
weight = torch.tensor([[1.0, -1.0], [0.5, 0.5]])
bias = torch.tensor([0.1, -0.1])
x = torch.tensor([[2.0, 1.0]])
print(F.linear(x, weight), F.linear(x, weight, bias))
print(F.layer_norm(torch.tensor([[1.0, 2.0, 4.0]]), (3,)))
print(F.normalize(torch.tensor([[3.0, 4.0], [1.0, 0.0]]), dim=1))
print(F.cosine_similarity(torch.tensor([[1.0, 0.0]]), torch.tensor([[1.0, 1.0]])))
