import torch
out = torch.zeros(4, 3, 5).transpose(0, 1)
print(out.is_contiguous())
flat = out.view(-1, 5)
