import torch
import torch.nn as nn

class Lookup(nn.Module):
    def __init__(self, words):
        super().__init__()
        self.index = {w: i for i, w in enumerate(words)}
        self.emb = nn.Embedding(len(words), 2)
        self.emb.load_state_dict({"weight": torch.tensor([[float(i), float(-i)] for i in range(len(words))])})
    def forward(self, sentence):
        ids = torch.tensor([self.index[w] for w in sentence.split()])
        return self.emb(ids)

lk = Lookup(["<unk>", "hello", "world"])
print(lk("hello world hello"))
lk("hello there")
