import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
h = x * 2
h.retain_grad()
out = (h ** 2).sum()
out.backward()
print(h.grad, x.grad, h.retains_grad)
a = torch.ones(2, requires_grad=True)
b = (a * 3).sum()
b.backward(retain_graph=True)
b.backward()
print(a.grad)
try:
    c = (a * a).sum()
    c.backward()
    c.backward()
except RuntimeError as e:
    print(str(e)[:60])
