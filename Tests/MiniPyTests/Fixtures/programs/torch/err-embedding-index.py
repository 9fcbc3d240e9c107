import torch
import torch.nn as nn
emb = nn.Embedding(5, 2)
print(emb(torch.tensor([0, 4])).shape)
emb(torch.tensor([5]))
