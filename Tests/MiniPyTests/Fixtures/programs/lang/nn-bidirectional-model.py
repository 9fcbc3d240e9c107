import torch
import torch.nn as nn

class BiTagger(nn.Module):
    def __init__(self, vocab, emb, hidden, tags):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, bidirectional=True, batch_first=True)
        self.out = nn.Linear(2 * hidden, tags)
    def forward(self, x):
        h, _ = self.lstm(self.emb(x))
        return self.out(h)

m = BiTagger(10, 4, 3, 5)
x = torch.tensor([[1, 2, 3, 4], [5, 6, 7, 0]])
print(m(x).shape, m.lstm)
print({n: tuple(p.shape) for n, p in m.named_parameters() if "lstm" in n and "reverse" in n})
