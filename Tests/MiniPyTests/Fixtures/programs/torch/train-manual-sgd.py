import torch
w = torch.tensor([0.5, -0.5], requires_grad=True)
b = torch.zeros(1, requires_grad=True)
x = torch.tensor([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]])
y = torch.tensor([5.0, 4.0, 9.0])
lr = 0.02
for step in range(40):
    pred = x @ w + b
    loss = ((pred - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
print(round(loss.item(), 4), w, b)
