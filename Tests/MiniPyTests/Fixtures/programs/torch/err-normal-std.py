import torch
w = torch.empty(2)
w.normal_(0, -1)
