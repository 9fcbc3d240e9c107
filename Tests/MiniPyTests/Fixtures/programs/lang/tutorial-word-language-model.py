# Adapted from pytorch/examples word_language_model (model.py and the training loop), at tiny sizes.
import torch
import torch.nn as nn

class RNNModel(nn.Module):
    """Container module with an encoder, a recurrent module, and a decoder."""

    def __init__(self, rnn_type, ntoken, ninp, nhid, nlayers):
        super(RNNModel, self).__init__()
        self.ntoken = ntoken
        self.encoder = nn.Embedding(ntoken, ninp)
        if rnn_type in ["LSTM", "GRU"]:
            self.rnn = getattr(nn, rnn_type)(ninp, nhid, nlayers)
        else:
            raise ValueError("An invalid option for `--model` was supplied")
        self.decoder = nn.Linear(nhid, ntoken)
        self.rnn_type = rnn_type
        self.nhid = nhid
        self.nlayers = nlayers

    def forward(self, input, hidden):
        emb = self.encoder(input)
        output, hidden = self.rnn(emb, hidden)
        decoded = self.decoder(output)
        decoded = decoded.view(-1, self.ntoken)
        return decoded, hidden

    def init_hidden(self, bsz):
        if self.rnn_type == "LSTM":
            return (torch.zeros(self.nlayers, bsz, self.nhid), torch.zeros(self.nlayers, bsz, self.nhid))
        return torch.zeros(self.nlayers, bsz, self.nhid)

def repackage_hidden(h):
    """Wraps hidden states in new Tensors, to detach them from their history."""
    if isinstance(h, torch.Tensor):
        return h.detach()
    return tuple(repackage_hidden(v) for v in h)

def batchify(data, bsz):
    nbatch = data.size(0) // bsz
    data = data[:nbatch * bsz]
    return data.view(bsz, -1).t().contiguous()

def get_batch(source, i, bptt):
    seq_len = min(bptt, len(source) - 1 - i)
    data = source[i:i + seq_len]
    target = source[i + 1:i + 1 + seq_len].reshape(-1)
    return data, target

def init_weights(model, salt=0):
    """Deterministic weights (MiniPy's random numbers are not torch's)."""
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        n = t.numel()
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(n)]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

corpus = "the cat sat on the mat the dog sat on the log".split()
vocab = sorted(set(corpus))
ids = torch.tensor([vocab.index(w) for w in corpus])
train_data = batchify(ids, 2)
print(train_data.shape)
for rnn_type in ["LSTM", "GRU"]:
    model = RNNModel(rnn_type, len(vocab), 4, 5, 2)
    init_weights(model)
    criterion = nn.CrossEntropyLoss()
    lr = 0.5
    for epoch in range(3):
        hidden = model.init_hidden(2)
        total_loss = 0.0
        for batch, i in enumerate(range(0, train_data.size(0) - 1, 3)):
            data, targets = get_batch(train_data, i, 3)
            hidden = repackage_hidden(hidden)
            model.zero_grad()
            output, hidden = model(data, hidden)
            loss = criterion(output, targets)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 0.25)
            for p in model.parameters():
                with torch.no_grad():
                    p -= lr * p.grad
            total_loss += loss.item()
        print(rnn_type, epoch, f"{total_loss:.3f}")
try:
    RNNModel("TRANSFORMER", 5, 2, 2, 1)
except ValueError as e:
    print(e)
