import torch
w = torch.ones(3, requires_grad=True)
d = w.detach()
d[0] = 5
print(w)
w.data[1] = 7
print(w)
w.data.fill_(0.5)
print(w, w.requires_grad, w.data.requires_grad)
v = w.data
print(v)
