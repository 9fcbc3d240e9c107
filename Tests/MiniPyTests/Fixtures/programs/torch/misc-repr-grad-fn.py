import torch
w = torch.tensor([[1.0, 2.0]], requires_grad=True)
for t in [w * 2, w + 1, w.t(), w[0], w.sum(), w.mean(1), w.view(2), w.exp(), w.relu(), w @ w.t(), torch.cat([w, w]), w.unsqueeze(0), w.clone(), w.pow(2), w / 2, -w, w.max(), w.softmax(1), w.expand(3, 2), w.flatten()]:
    print(type(t.grad_fn).__name__, tuple(t.shape))
