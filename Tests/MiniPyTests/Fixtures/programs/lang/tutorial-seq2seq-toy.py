# An encoder-decoder toy in the style of the PyTorch seq2seq tutorial (GRU encoder, GRU decoder, greedy decoding).
import torch
import torch.nn as nn

SOS, EOS = 0, 1

class EncoderRNN(nn.Module):
    def __init__(self, input_size, hidden_size):
        super(EncoderRNN, self).__init__()
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(input_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size, batch_first=True)

    def forward(self, input):
        embedded = self.embedding(input)
        output, hidden = self.gru(embedded)
        return output, hidden

class DecoderRNN(nn.Module):
    def __init__(self, hidden_size, output_size):
        super(DecoderRNN, self).__init__()
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, output_size)

    def forward_step(self, input, hidden):
        output = torch.relu(self.embedding(input))
        output, hidden = self.gru(output, hidden)
        return self.out(output), hidden

    def forward(self, encoder_hidden, max_length=4):
        decoder_input = torch.tensor([[SOS]])
        hidden = encoder_hidden
        outputs = []
        for i in range(max_length):
            out, hidden = self.forward_step(decoder_input, hidden)
            outputs.append(out)
            decoder_input = out.argmax(-1).detach()
        return torch.cat(outputs, dim=1), hidden

def init_weights(model, salt=0):
    """Deterministic weights (MiniPy's random numbers are not torch's)."""
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        n = t.numel()
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(n)]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

enc = EncoderRNN(7, 5)
dec = DecoderRNN(5, 7)
init_weights(enc, 1)
init_weights(dec, 2)
src = torch.tensor([[2, 3, 4, EOS]])
tgt = torch.tensor([4, 3, 2, EOS])
params = list(enc.parameters()) + list(dec.parameters())
opt = torch.optim.SGD(params, lr=0.3)
loss_fn = nn.CrossEntropyLoss()
for step in range(40):
    opt.zero_grad()
    _, h = enc(src)
    logits, _ = dec(h)
    loss = loss_fn(logits.view(-1, 7), tgt)
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(step, round(loss.item(), 3))
with torch.no_grad():
    _, h = enc(src)
    logits, _ = dec(h)
print(logits.argmax(-1).tolist())
