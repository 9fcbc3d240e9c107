import torch
import torch.nn as nn

class Manual(nn.Module):
    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn
    def forward(self, x):
        w_ih, w_hh = self.rnn.weight_ih_l0, self.rnn.weight_hh_l0
        b = self.rnn.bias_ih_l0 + self.rnn.bias_hh_l0
        h = torch.zeros(w_hh.shape[0])
        outs = []
        for x_t in x:
            h = torch.tanh(w_ih @ x_t + w_hh @ h + b)
            outs.append(h)
        return torch.stack(outs)

rnn = nn.RNN(2, 3)
rnn.load_state_dict({"weight_ih_l0": torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]),
                     "weight_hh_l0": torch.tensor([[0.1, 0.0, 0.2], [0.0, 0.1, 0.0], [0.3, 0.0, 0.1]]),
                     "bias_ih_l0": torch.tensor([0.1, 0.1, 0.1]), "bias_hh_l0": torch.tensor([0.0, -0.1, 0.2])})
x = torch.tensor([[1.0, 2.0], [0.5, 0.5], [-1.0, 0.0]])
manual = Manual(rnn)(x)
auto, _ = rnn(x.unsqueeze(1))
print(torch.allclose(manual, auto.squeeze(1), atol=1e-6))
print(manual)
