import torch
def f(x):
    return (x ** 3 - 2 * x).sum()
def grad_at(v):
    x = torch.tensor(v, requires_grad=True)
    y = f(x)
    y.backward()
    return x.grad
print(grad_at([1.0, 2.0, 0.0]))
xs = [0.5 * i for i in range(4)]
print([round(g, 3) for g in grad_at(xs).tolist()])
