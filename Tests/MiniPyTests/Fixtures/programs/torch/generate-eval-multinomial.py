import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(3, 3)
        self.gru = nn.GRU(3, 4, dropout=0.0)
        self.drop = nn.Dropout(0.5)
        self.out = nn.Linear(4, 3)

    def forward(self, x, h=None):
        y, h = self.gru(self.embed(x), h)
        return self.out(self.drop(y)), h


model = Generator()
with torch.no_grad():
    for p in model.parameters():
        p.copy_(torch.linspace(-1.0, 1.0, p.numel()).view(p.shape))
model.eval()
print(model.training, model.drop.training, model.gru.training)
x = torch.ones(4)
print(model.drop(x))
token = torch.tensor([0])
h = None
generated = []
with torch.no_grad():
    for step in range(6):
        logits, h = model(token.view(1, 1), h)
        probs = torch.softmax(logits[-1, 0], dim=0)
        token = probs.argmax().view(1)
        generated.append(token.item())
print(generated)
print(torch.bincount(torch.tensor(generated)), torch.bincount(torch.tensor(generated), minlength=5))
print(logits.requires_grad, h.shape)
one_hot = torch.tensor([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
s = torch.multinomial(one_hot, 1)
print(s, s.dtype, s.shape)
print(torch.multinomial(torch.tensor([0.0, 0.3, 0.0, 0.7]), 2).sort().values)
print(torch.multinomial(torch.tensor([0.2, 0.3, 0.5]), 5, replacement=True).shape)
model.train()
print(model.training, model.drop.training)
with torch.no_grad():
    with torch.enable_grad():
        w = torch.ones(2, requires_grad=True)
        print((w * 2).requires_grad)
    print((w * 2).requires_grad)
