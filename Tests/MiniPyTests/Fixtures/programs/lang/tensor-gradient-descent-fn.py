import torch
def minimize(fn, start, lr=0.1, steps=50):
    x = torch.tensor(start, requires_grad=True)
    for _ in range(steps):
        loss = fn(x)
        loss.backward()
        with torch.no_grad():
            x -= lr * x.grad
        x.grad = None
    return x.detach()
print(minimize(lambda x: ((x - 3) ** 2).sum(), [0.0, 10.0]))
print(minimize(lambda x: (x ** 2).sum() + x.sum(), [1.0], lr=0.2))
