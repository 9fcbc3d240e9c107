import torch
import torch.nn as nn

class Stepper(nn.Module):
    def __init__(self):
        super().__init__()
        self.cell = nn.GRUCell(2, 3)
    def forward(self, xs):
        h = torch.zeros(xs.shape[1], 3)
        states = []
        for x in xs:
            h = self.cell(x, h)
            states.append(h)
        return torch.stack(states)

def init_weights(model, salt=0):
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        vals = [(((k + salt) * 5 + i * 3) % 13 - 6) / 20 for k in range(t.numel())]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

m = Stepper()
init_weights(m)
xs = torch.tensor([[[1.0, 0.0]], [[0.0, 1.0]], [[1.0, 1.0]]])
hs = m(xs)
print(hs.shape)
print(hs.squeeze(1))
