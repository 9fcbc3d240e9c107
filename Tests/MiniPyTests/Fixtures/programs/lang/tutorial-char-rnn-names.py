# Adapted from the PyTorch tutorial "Classifying Names with a Character-Level RNN".
import string
import torch
import torch.nn as nn

all_letters = string.ascii_letters + " .,;'" if False else "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;'"
n_letters = len(all_letters)

def letter_to_index(letter):
    return all_letters.find(letter)

def line_to_tensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li, letter in enumerate(line):
        tensor[li][0][letter_to_index(letter)] = 1
    return tensor

class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.h2o = nn.Linear(hidden_size, output_size)

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = torch.tanh(self.i2h(combined))
        output = self.h2o(hidden)
        return output, hidden

    def init_hidden(self):
        return torch.zeros(1, self.hidden_size)

def init_weights(model, salt=0):
    """Deterministic weights (MiniPy's random numbers are not torch's)."""
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        n = t.numel()
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(n)]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

categories = ["English", "French", "Italian"]
data = {"English": ["Smith", "Brown"], "French": ["Blanc", "Dubois"], "Italian": ["Rossi", "Bruno"]}
rnn = RNN(n_letters, 8, len(categories))
init_weights(rnn)
print(line_to_tensor("Jones").size(), letter_to_index("J"))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(rnn.parameters(), lr=0.05)

def train_one(category, line):
    target = torch.tensor([categories.index(category)])
    hidden = rnn.init_hidden()
    optimizer.zero_grad()
    x = line_to_tensor(line)
    for i in range(x.size()[0]):
        output, hidden = rnn(x[i], hidden)
    loss = criterion(output, target)
    loss.backward()
    optimizer.step()
    return output, loss.item()

for epoch in range(3):
    total = 0.0
    for cat in categories:
        for name in data[cat]:
            _, l = train_one(cat, name)
            total += l
    print(f"epoch {epoch} loss {total / 6:.3f}")

def predict(line):
    with torch.no_grad():
        hidden = rnn.init_hidden()
        x = line_to_tensor(line)
        for i in range(x.size(0)):
            output, hidden = rnn(x[i], hidden)
    return categories[output.argmax(1).item()]
print([predict(n) for n in ["Smith", "Rossi", "Blanc"]])
