import torch
w = torch.tensor([1.0], requires_grad=True)
g = None
for k in range(3):
    (w * (k + 1)).sum().backward()
    if g is None:
        g = w.grad
    print(w.grad)
print(g)
w.grad = None
print(w.grad, g)
