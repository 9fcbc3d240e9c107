import torch
import torch.nn as nn

class MyRNNCell(nn.Module):
    def __init__(self, n_in, n_hidden):
        super().__init__()
        self.W_ih = nn.Parameter(torch.ones(n_hidden, n_in) * 0.1)
        self.W_hh = nn.Parameter(torch.eye(n_hidden) * 0.5)
        self.b = nn.Parameter(torch.zeros(n_hidden))
    def forward(self, x, h):
        return torch.tanh(x @ self.W_ih.t() + h @ self.W_hh.t() + self.b)

cell = MyRNNCell(2, 3)
h = torch.zeros(1, 3)
for t, x in enumerate(torch.tensor([[[1.0, 2.0]], [[0.5, -1.0]], [[0.0, 0.0]]])):
    h = cell(x, h)
    print(t, [round(v, 4) for v in h[0].tolist()])
print([n for n, _ in cell.named_parameters()])
loss = h.sum()
loss.backward()
print(cell.W_hh.grad.shape, round(cell.b.grad.sum().item(), 4))
