import torch
import torch.nn.functional as F
labels = torch.tensor([0, 1, 4])
F.one_hot(labels, num_classes=3)
