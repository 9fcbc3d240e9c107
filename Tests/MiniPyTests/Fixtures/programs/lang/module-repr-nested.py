import torch.nn as nn

class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(20, 8)
        self.rnn = nn.GRU(8, 16, batch_first=True)

class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = Encoder()
        self.head = nn.Linear(16, 3, bias=False)
        self.name = "toy"

m = Model()
print(m)
print([n for n, _ in m.named_children()])
print([type(x).__name__ for x in m.modules()])
print(m.name, m.head.bias)
