# The names tutorial's RNN as written there: i2h, i2o, LogSoftmax and NLLLoss.
import torch
import torch.nn as nn

class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.i2h(combined)
        output = self.softmax(self.i2o(combined))
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, self.hidden_size)

def init_weights(model, salt=0):
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(t.numel())]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

letters = "abcdefghijklmnopqrstuvwxyz"
def lineToTensor(line):
    t = torch.zeros(len(line), 1, len(letters))
    for i, ch in enumerate(line):
        t[i][0][letters.index(ch)] = 1
    return t

rnn = RNN(len(letters), 6, 2)
init_weights(rnn)
print(rnn)
criterion = nn.NLLLoss()
learning_rate = 0.05
def train(category_tensor, line_tensor):
    hidden = rnn.initHidden()
    rnn.zero_grad()
    for i in range(line_tensor.size()[0]):
        output, hidden = rnn(line_tensor[i], hidden)
    loss = criterion(output, category_tensor)
    loss.backward()
    for p in rnn.parameters():
        p.data.add_(p.grad.data, alpha=-learning_rate)
    return output, loss.item()
data = [("anna", 0), ("bob", 1), ("eve", 0), ("tom", 1)]
for epoch in range(3):
    total = 0
    for name, label in data:
        _, loss = train(torch.tensor([label]), lineToTensor(name))
        total += loss
    print(epoch, round(total, 4))
