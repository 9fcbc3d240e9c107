# Adapted from the PyTorch tutorial "Deep Learning with PyTorch" (bag-of-words classifier).
import torch
import torch.nn as nn

data = [("me gusta comer en la cafeteria".split(), "SPANISH"),
        ("Give it to me".split(), "ENGLISH"),
        ("No creo que sea una buena idea".split(), "SPANISH"),
        ("No it is not a good idea to get lost at sea".split(), "ENGLISH")]
test_data = [("Yo creo que si".split(), "SPANISH"), ("it is lost on me".split(), "ENGLISH")]
word_to_ix = {}
for sent, _ in data + test_data:
    for word in sent:
        if word not in word_to_ix:
            word_to_ix[word] = len(word_to_ix)
VOCAB_SIZE = len(word_to_ix)
NUM_LABELS = 2
label_to_ix = {"SPANISH": 0, "ENGLISH": 1}

class BoWClassifier(nn.Module):
    def __init__(self, num_labels, vocab_size):
        super(BoWClassifier, self).__init__()
        self.linear = nn.Linear(vocab_size, num_labels)

    def forward(self, bow_vec):
        return self.linear(bow_vec)

def make_bow_vector(sentence, word_to_ix):
    vec = torch.zeros(len(word_to_ix))
    for word in sentence:
        vec[word_to_ix[word]] += 1
    return vec.view(1, -1)

def init_weights(model, salt=0):
    """Deterministic weights (MiniPy's random numbers are not torch's)."""
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        n = t.numel()
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(n)]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

model = BoWClassifier(NUM_LABELS, VOCAB_SIZE)
init_weights(model)
print(VOCAB_SIZE, [p.shape for p in model.parameters()])
loss_function = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(50):
    for instance, label in data:
        model.zero_grad()
        bow_vec = make_bow_vector(instance, word_to_ix)
        target = torch.tensor([label_to_ix[label]])
        loss = loss_function(model(bow_vec), target)
        loss.backward()
        optimizer.step()
with torch.no_grad():
    for instance, label in test_data:
        scores = model(make_bow_vector(instance, word_to_ix))
        print(label, scores.argmax(1).item())
print(f"{model.linear.weight[:, word_to_ix['creo']].tolist()[0]:.3f}")
