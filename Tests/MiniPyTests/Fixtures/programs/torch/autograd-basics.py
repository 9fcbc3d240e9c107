import torch
w = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor(0.5, requires_grad=True)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = x @ w + b
loss = ((y - torch.tensor([1.0, 0.0])) ** 2).mean()
loss.backward()
print(loss, w.grad, b.grad)
loss2 = (x @ w).sum()
loss2.backward()
print(w.grad)
w.grad.zero_()
print(w.grad)
with torch.no_grad():
    w -= 0.1 * torch.tensor([1.0, 1.0])
print(w)
z = w.detach() * 2
print(z.requires_grad, w.is_leaf, y.is_leaf, y.requires_grad)
