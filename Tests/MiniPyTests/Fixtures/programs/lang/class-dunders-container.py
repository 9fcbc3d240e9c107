class Vocab:
    def __init__(self, words):
        self.itos = list(words)
        self.stoi = {w: i for i, w in enumerate(self.itos)}
    def __len__(self):
        return len(self.itos)
    def __getitem__(self, key):
        if isinstance(key, str):
            return self.stoi[key]
        return self.itos[key]
    def __contains__(self, w):
        return w in self.stoi
    def __iter__(self):
        return iter(self.itos)

v = Vocab(["<pad>", "the", "cat"])
print(len(v), v["cat"], v[1], "cat" in v, "dog" in v)
print(list(v), [w.upper() for w in v])
print(bool(v), bool(Vocab([])))
try:
    v["dog"]
except KeyError as e:
    print("KeyError", e)
