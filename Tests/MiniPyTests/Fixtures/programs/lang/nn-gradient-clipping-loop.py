import torch
import torch.nn as nn

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(1, 2)
        self.out = nn.Linear(2, 1)
    def forward(self, x):
        y, _ = self.rnn(x)
        return self.out(y[-1])

def init_weights(model, salt=0):
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        vals = [(((k + salt) * 5 + i * 3) % 13 - 6) / 20 for k in range(t.numel())]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

m = M()
init_weights(m, 2)
x = torch.tensor([[[1.0]], [[2.0]], [[3.0]]])
target = torch.tensor([[10.0]])
opt = torch.optim.SGD(m.parameters(), lr=0.1)
for step in range(5):
    opt.zero_grad()
    loss = ((m(x) - target) ** 2).mean()
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(m.parameters(), max_norm=1.0)
    opt.step()
    print(step, round(loss.item(), 4), round(float(norm), 4))
