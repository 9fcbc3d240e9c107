import torch.nn as nn
nn.Dropout(p=-0.1)
