import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(2, 2)
        self.fc = nn.Linear(2, 1)

a, b = Net(), Net()
sd = a.state_dict()
print(list(sd.keys()))
print(type(sd).__name__, len(sd))
b.load_state_dict(sd)
x = torch.ones(3, 1, 2)
print(torch.equal(a.fc(a.rnn(x)[0]), b.fc(b.rnn(x)[0])))
sd2 = {k.replace("rnn.", "gru."): v for k, v in sd.items()}
b.load_state_dict(sd2)
