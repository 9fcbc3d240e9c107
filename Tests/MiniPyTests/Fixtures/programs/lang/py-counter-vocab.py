from collections import Counter, defaultdict
sentences = ["i like cats", "i like dogs", "dogs like me"]
c = Counter(w for s in sentences for w in s.split())
print(c)
print(c.most_common(2), c["like"], c["zebra"])
by_len = defaultdict(list)
for w in sorted(c):
    by_len[len(w)].append(w)
print(dict(by_len))
vocab = {w: i for i, (w, _) in enumerate(c.most_common())}
print(vocab)
