import torch
x = torch.tensor([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], requires_grad=True)
for name, f in [("clamp", lambda t: t.clamp(-1, 1)), ("where", lambda t: torch.where(t > 0, t * 2, t * 3)),
                ("masked_fill", lambda t: t.masked_fill(t < 0, 0.0)), ("cumsum", lambda t: t.cumsum(1)),
                ("softmax", lambda t: torch.softmax(t, 1) * torch.tensor([1.0, 2.0, 3.0])),
                ("log_softmax", lambda t: torch.log_softmax(t, 0)[0]), ("gather", lambda t: t.gather(1, torch.tensor([[2], [0]]))),
                ("max", lambda t: t.max(1).values), ("topk", lambda t: t.topk(2).values), ("mean", lambda t: t.mean(0)),
                ("std", lambda t: t.std(1)), ("prod", lambda t: t.prod(1)), ("logsumexp", lambda t: t.logsumexp(1)),
                ("expand", lambda t: t[0].expand(2, 3) * t), ("index", lambda t: t[[0, 1, 1], [2, 0, 0]]),
                ("abs", lambda t: t.abs()), ("pow", lambda t: t.pow(3)), ("tanh", lambda t: t.tanh()), ("norm", lambda t: t.norm())]:
    x.grad = None
    f(x).sum().backward()
    print(name, type(f(x).grad_fn).__name__, x.grad)
