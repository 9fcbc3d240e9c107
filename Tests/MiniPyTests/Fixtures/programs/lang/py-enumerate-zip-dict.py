names = ["ann", "bob", "cy"]
scores = [91, 78, 85]
ranked = sorted(zip(scores, names), reverse=True)
for rank, (score, name) in enumerate(ranked, 1):
    print(f"{rank}. {name:<5}{score:>4}")
lookup = dict(zip(names, scores))
print(lookup, max(lookup, key=lookup.get), {n: s >= 80 for n, s in lookup.items()})
