# Character-level generation with nn.RNN and greedy decoding (as in char-RNN examples).
import torch
import torch.nn as nn

text = "hello world hello there"
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
itos = {i: c for c, i in stoi.items()}

class CharRNN(nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.embed = nn.Embedding(vocab, hidden)
        self.rnn = nn.RNN(hidden, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, vocab)

    def forward(self, x, h=None):
        out, h = self.rnn(self.embed(x), h)
        return self.fc(out), h

def init_weights(model, salt=0):
    """Deterministic weights (MiniPy's random numbers are not torch's)."""
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        n = t.numel()
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(n)]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

model = CharRNN(len(chars), 8)
init_weights(model, 5)
data = torch.tensor([[stoi[c] for c in text]])
x, y = data[:, :-1], data[:, 1:]
opt = torch.optim.Adam(model.parameters(), lr=0.05)
loss_fn = nn.CrossEntropyLoss()
for step in range(30):
    opt.zero_grad()
    logits, _ = model(x)
    loss = loss_fn(logits.reshape(-1, len(chars)), y.reshape(-1))
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(step, round(loss.item(), 3))

def generate(start, n):
    out = start
    h = None
    inp = torch.tensor([[stoi[c] for c in start]])
    with torch.no_grad():
        for _ in range(n):
            logits, h = model(inp, h)
            nxt = logits[0, -1].argmax().item()
            out += itos[nxt]
            inp = torch.tensor([[nxt]])
    return out
print(repr(generate("he", 8)))
