import torch
import torch.nn as nn
fc = nn.Linear(10, 2)
x = torch.randn(3, 5)
fc(x)
