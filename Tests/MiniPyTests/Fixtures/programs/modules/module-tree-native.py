import torch
import torch.nn as nn
l = nn.Linear(3, 2, bias=False)
print(l.bias, l.training, [k for k, _ in l.named_parameters()])
r = nn.LSTM(4, 3, num_layers=2)
print(r.training, r.eval() is r, r.training, r.train().training)
c = nn.RNNCell(2, 3, bias=False)
print(c.bias_ih, [k for k, _ in c.named_parameters()], list(c.state_dict().keys()))
sd = r.state_dict()
sd.pop("weight_hh_l1")
sd["x.y"] = torch.zeros(1)
print(r.load_state_dict(sd, strict=False))
try:
    r.train("x")
except ValueError as e:
    print(e)
print(type(l), type(r))
print(len(list(r.parameters())), len(list(r.modules())), list(r.children()))
