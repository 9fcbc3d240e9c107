class Key:
    def __init__(self, k):
        self.k = k
k1 = Key(1)
d = {k1: "one"}
print(d[k1], k1 in d, Key(1) in d, k1 == k1, k1 == Key(1))
s = {k1, k1}
print(len(s))
