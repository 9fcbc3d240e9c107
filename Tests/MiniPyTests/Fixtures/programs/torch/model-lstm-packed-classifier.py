import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence


class Classifier(nn.Module):
    def __init__(self, vocab, emb, hidden, classes):
        super().__init__()
        self.embed = nn.Embedding(vocab, emb, padding_idx=0)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.head = nn.Linear(hidden, classes)

    def forward(self, tokens, lengths):
        x = self.embed(tokens)
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, (h, c) = self.lstm(packed)
        return self.head(h[-1])


model = Classifier(6, 3, 4, 2)
with torch.no_grad():
    for name, p in model.named_parameters():
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).view(p.shape))
    model.embed.weight[0] = 0
print(model)
seqs = [torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([2, 2, 5, 1])]
lengths = torch.tensor([len(s) for s in seqs])
tokens = pad_sequence(seqs, batch_first=True)
print(tokens)
labels = torch.tensor([0, 1, 1])
opt = torch.optim.Adam(model.parameters(), lr=0.05)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(4):
    opt.zero_grad()
    logits = model(tokens, lengths)
    loss = loss_fn(logits, labels)
    loss.backward()
    opt.step()
    print(epoch, round(loss.item(), 4))
with torch.no_grad():
    print(model(tokens, lengths).argmax(dim=1))
print(model.embed.weight[0])
