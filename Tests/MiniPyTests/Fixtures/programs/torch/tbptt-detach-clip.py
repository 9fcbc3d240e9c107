import torch
import torch.nn as nn

torch.manual_seed(0)
stream = torch.tensor([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0])


class CharRNN(nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.embed = nn.Embedding(vocab, hidden)
        self.rnn = nn.RNN(hidden, hidden)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x, h):
        y, h = self.rnn(self.embed(x).unsqueeze(1), h)
        return self.out(y.squeeze(1)), h


model = CharRNN(4, 5)
with torch.no_grad():
    for k, p in enumerate(model.parameters()):
        p.copy_((torch.arange(p.numel()).float().view(p.shape) % 7 - 3) * 0.1 * (k + 1) / 3)
opt = torch.optim.SGD(model.parameters(), lr=0.5)
loss_fn = nn.CrossEntropyLoss()
bptt = 4
for epoch in range(3):
    h = torch.zeros(1, 1, 5)
    total = 0.0
    for i in range(0, len(stream) - 1, bptt):
        x = stream[i:i + bptt]
        y = stream[i + 1:i + 1 + bptt]
        h = h.detach()
        opt.zero_grad()
        logits, h = model(x, h)
        loss = loss_fn(logits, y)
        loss.backward()
        norm = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        opt.step()
        total += loss.item() * len(x)
    print(epoch, round(total / (len(stream) - 1), 4), round(norm.item(), 4), h.requires_grad, h.grad_fn is None)
print(h.shape, h.is_leaf)
print(torch.exp(torch.tensor(total / (len(stream) - 1))))
