import torch
import torch.nn as nn
weights = torch.tensor([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
emb = nn.Embedding.from_pretrained(weights)
print(emb, emb.weight.requires_grad)
print(emb(torch.tensor([2, 0, 2])))
emb2 = nn.Embedding.from_pretrained(weights, freeze=False, padding_idx=0)
print(emb2, emb2.weight.requires_grad, emb2.padding_idx)
out = emb2(torch.tensor([[0, 1], [1, 2]]))
out.sum().backward()
print(emb2.weight.grad)
try:
    nn.Embedding.from_pretrained(torch.tensor([1.0, 2.0]))
except AssertionError as e:
    print("AssertionError:", e)
try:
    emb(torch.tensor([3]))
except IndexError as e:
    print(e)
