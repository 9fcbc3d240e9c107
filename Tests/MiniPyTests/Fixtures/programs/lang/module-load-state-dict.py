import torch
import torch.nn as nn

class TinyRNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(2, 2, batch_first=True)
        self.out = nn.Linear(2, 1)

    def forward(self, x):
        seq, h = self.rnn(x)
        return self.out(seq[:, -1])

m = TinyRNN()
sd = {k: torch.ones(v.shape) * 0.1 for k, v in m.state_dict().items()}
m.load_state_dict(sd)
x = torch.tensor([[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]])
print(m(x))
try:
    m.load_state_dict({"rnn.weight_ih_l0": torch.zeros(2, 2)})
except RuntimeError as e:
    print(str(e).splitlines()[0])
