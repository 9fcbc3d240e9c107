# Adapted from the PyTorch tutorial "Word Embeddings: Encoding Lexical Semantics" (N-gram language model).
import torch
import torch.nn as nn

CONTEXT_SIZE = 2
EMBEDDING_DIM = 4
test_sentence = """When forty winters shall besiege thy brow,
And dig deep trenches in thy beauty's field,
Thy youth's proud livery so gazed on now,
Will be a totter'd weed of small worth held""".split()
ngrams = [
    ([test_sentence[i - j - 1] for j in range(CONTEXT_SIZE)], test_sentence[i])
    for i in range(CONTEXT_SIZE, len(test_sentence))
]
print(ngrams[:2])
vocab = sorted(set(test_sentence))
word_to_ix = {word: i for i, word in enumerate(vocab)}

class NGramLanguageModeler(nn.Module):
    def __init__(self, vocab_size, embedding_dim, context_size):
        super(NGramLanguageModeler, self).__init__()
        self.embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.linear1 = nn.Linear(context_size * embedding_dim, 8)
        self.linear2 = nn.Linear(8, vocab_size)

    def forward(self, inputs):
        embeds = self.embeddings(inputs).view((1, -1))
        out = torch.relu(self.linear1(embeds))
        return self.linear2(out)

def init_weights(model, salt=0):
    """Deterministic weights (MiniPy's random numbers are not torch's)."""
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        n = t.numel()
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(n)]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

losses = []
loss_function = nn.CrossEntropyLoss()
model = NGramLanguageModeler(len(vocab), EMBEDDING_DIM, CONTEXT_SIZE)
init_weights(model)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
for epoch in range(4):
    total_loss = 0
    for context, target in ngrams:
        context_idxs = torch.tensor([word_to_ix[w] for w in context], dtype=torch.long)
        model.zero_grad()
        log_probs = model(context_idxs)
        loss = loss_function(log_probs, torch.tensor([word_to_ix[target]], dtype=torch.long))
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
    losses.append(round(total_loss, 2))
print(losses)
print(model.embeddings.weight[word_to_ix["beauty's"]].shape)
