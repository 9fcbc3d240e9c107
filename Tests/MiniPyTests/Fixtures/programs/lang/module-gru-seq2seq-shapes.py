import torch
import torch.nn as nn

class Encoder(nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.embedding = nn.Embedding(vocab, hidden)
        self.gru = nn.GRU(hidden, hidden)

    def forward(self, tokens, hidden):
        embedded = self.embedding(tokens).view(1, 1, -1)
        return self.gru(embedded, hidden)

class Decoder(nn.Module):
    def __init__(self, hidden, vocab):
        super().__init__()
        self.embedding = nn.Embedding(vocab, hidden)
        self.gru = nn.GRU(hidden, hidden)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, token, hidden):
        x = torch.relu(self.embedding(token).view(1, 1, -1))
        output, hidden = self.gru(x, hidden)
        return torch.log_softmax(self.out(output[0]), dim=1) if hasattr(torch, "log_softmax") else self.out(output[0]), hidden

enc, dec = Encoder(10, 6), Decoder(6, 10)
h = torch.zeros(1, 1, 6)
for t in torch.tensor([1, 5, 7]):
    out, h = enc(t, h)
print(out.shape, h.shape)
logits, h = dec(torch.tensor([0]), h)
print(logits.shape, h.shape)
