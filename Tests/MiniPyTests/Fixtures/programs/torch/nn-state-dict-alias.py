import torch
import torch.nn as nn
lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, 2.0]]))
    lin.bias.zero_()
sd = lin.state_dict()
opt = torch.optim.SGD(lin.parameters(), lr=0.5)
loss = lin(torch.tensor([[1.0, 1.0]])).sum()
loss.backward()
opt.step()
print(sd["weight"], lin.weight)
saved = {k: v.clone() for k, v in lin.state_dict().items()}
with torch.no_grad():
    lin.weight.fill_(0.0)
lin.load_state_dict(saved)
print(lin.weight, lin.bias)
