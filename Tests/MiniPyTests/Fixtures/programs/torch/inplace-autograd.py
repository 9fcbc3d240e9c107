import torch
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.add_(1)
print(y)
y.mul_(3)
print(type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)
with torch.no_grad():
    x.mul_(10)
print(x, x.requires_grad)
