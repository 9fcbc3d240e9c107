import torch
x = torch.tensor([2.0], requires_grad=True)
with torch.no_grad():
    y = x * 3
    print(torch.is_grad_enabled(), y.requires_grad)
z = x * 3
print(torch.is_grad_enabled(), z.requires_grad, z.grad_fn is not None)
d = x.detach()
print(d.requires_grad, d is x)
