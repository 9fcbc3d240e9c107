import torch
import torch.nn.functional as F
from torch.nn import functional as F2
from torch.nn.functional import relu, softmax
import torch.nn as nn
x = torch.tensor([[-1.0, 0.5, 2.0]])
print(F.relu(x), F2.tanh(x), relu(x), softmax(x, dim=1))
print(nn.functional.sigmoid(x))
print(torch.nn.functional.log_softmax(x, dim=-1))
print(F is F2, F.relu is relu)
