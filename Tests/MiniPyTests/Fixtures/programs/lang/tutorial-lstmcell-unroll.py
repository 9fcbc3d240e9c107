# The time-sequence-prediction example's model (two LSTMCells and a Linear), at tiny sizes.
import torch
import torch.nn as nn

class Sequence(nn.Module):
    def __init__(self, hidden=4):
        super(Sequence, self).__init__()
        self.hidden = hidden
        self.lstm1 = nn.LSTMCell(1, hidden)
        self.lstm2 = nn.LSTMCell(hidden, hidden)
        self.linear = nn.Linear(hidden, 1)

    def forward(self, input, future=0):
        outputs = []
        n = input.size(0)
        h_t = torch.zeros(n, self.hidden)
        c_t = torch.zeros(n, self.hidden)
        h_t2 = torch.zeros(n, self.hidden)
        c_t2 = torch.zeros(n, self.hidden)
        for input_t in input.split(1, dim=1) if hasattr(input, "split") else [input[:, i:i + 1] for i in range(input.size(1))]:
            h_t, c_t = self.lstm1(input_t, (h_t, c_t))
            h_t2, c_t2 = self.lstm2(h_t, (h_t2, c_t2))
            output = self.linear(h_t2)
            outputs += [output]
        for i in range(future):
            h_t, c_t = self.lstm1(output, (h_t, c_t))
            h_t2, c_t2 = self.lstm2(h_t, (h_t2, c_t2))
            output = self.linear(h_t2)
            outputs += [output]
        return torch.cat(outputs, dim=1)

def init_weights(model, salt=0):
    """Deterministic weights (MiniPy's random numbers are not torch's)."""
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        n = t.numel()
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(n)]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

seq = Sequence()
init_weights(seq, 4)
data = torch.tensor([[0.0, 0.5, 0.9, 1.0, 0.7], [0.2, 0.6, 0.95, 0.9, 0.5]])
out = seq(data[:, :-1], future=2)
print(out.shape)
print([round(v, 4) for v in out[0].tolist()])
