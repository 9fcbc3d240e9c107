import torch
import torch.nn as nn
logits = (torch.arange(60.0).view(20, 3) % 7 - 3) / 5
targets = torch.arange(20) % 3
loss = nn.CrossEntropyLoss()(logits, targets)
print(loss.item())
print(nn.CrossEntropyLoss(reduction='sum')(logits, targets).item())
pred = torch.linspace(-1, 1, 40)
print(nn.MSELoss()(pred, torch.zeros(40)).item(), nn.MSELoss(reduction='sum')(pred, pred.flip(0)).item())
print(nn.L1Loss()(pred, torch.ones(40)).item())
