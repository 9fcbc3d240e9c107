import torch
import torch.nn as nn
loss = nn.CrossEntropyLoss()
logits = torch.tensor([[1.0, 2.0], [0.5, 0.1]])
loss(logits, torch.tensor([1.0, 0.0]))
