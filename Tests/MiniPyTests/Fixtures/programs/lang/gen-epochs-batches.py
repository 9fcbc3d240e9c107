def epochs(data, n_epochs, batch):
    for e in range(n_epochs):
        order = data[e % 2::1] if e % 2 else data
        for i in range(0, len(order), batch):
            yield e, order[i:i + batch]

seen = []
for epoch, b in epochs(list("abcdef"), 2, 4):
    seen.append((epoch, "".join(b)))
print(seen)
g = epochs([1, 2, 3], 3, 2)
print(next(g), next(g), sum(1 for _ in g))
