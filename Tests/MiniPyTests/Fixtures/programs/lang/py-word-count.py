text = """the quick brown fox jumps over the lazy dog
the dog barks and the fox runs"""
counts = {}
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
for word, n in top:
    print(f"{word:>6} {n}")
print(len(counts), sum(counts.values()))
