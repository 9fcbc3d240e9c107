import torch
import torch.nn as nn
drop = nn.Dropout(0.2)
drop.eval()
print(drop(torch.ones(3)))
drop.train(False)
print(drop.training)
drop.train('no')
