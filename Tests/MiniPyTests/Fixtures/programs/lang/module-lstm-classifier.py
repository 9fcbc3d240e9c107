import torch
import torch.nn as nn

class Classifier(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, n_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, batch_first=True)
        self.fc = nn.Linear(hidden_dim, n_classes)

    def forward(self, tokens):
        emb = self.embedding(tokens)
        output, (h_n, c_n) = self.lstm(emb)
        return self.fc(h_n[-1])

model = Classifier(vocab_size=12, embed_dim=4, hidden_dim=5, n_classes=3)
tokens = torch.tensor([[1, 4, 7, 2], [3, 3, 9, 0]])
logits = model(tokens)
print(logits.shape)
print(sum(p.numel() for p in model.parameters()))
print(model)
