# A sine-wave RNN regressor (as in time-series tutorials): predict the next sample.
import math
import torch
import torch.nn as nn

class SineRNN(nn.Module):
    def __init__(self, hidden=6):
        super().__init__()
        self.rnn = nn.RNN(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out)

def init_weights(model, salt=0):
    """Deterministic weights (MiniPy's random numbers are not torch's)."""
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        n = t.numel()
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(n)]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

steps = 20
xs = [math.sin(2 * math.pi * t / 10) for t in range(steps + 1)]
inputs = torch.tensor(xs[:-1]).view(1, steps, 1)
targets = torch.tensor(xs[1:]).view(1, steps, 1)
model = SineRNN()
init_weights(model, salt=3)
opt = torch.optim.Adam(model.parameters(), lr=0.02)
loss_fn = nn.MSELoss()
for epoch in range(60):
    opt.zero_grad()
    loss = loss_fn(model(inputs), targets)
    loss.backward()
    opt.step()
    if epoch % 20 == 0:
        print(epoch, f"{loss.item():.4f}")
pred = model(inputs)
print(pred.shape, f"{loss_fn(pred, targets).item():.4f}")
