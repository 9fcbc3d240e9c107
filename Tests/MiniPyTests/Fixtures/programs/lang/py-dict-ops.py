d = {"a": 1, "b": 2}
d.update(c=3)
d.setdefault("d", 4)
print(d, d.pop("a"), d.get("z", -1), "b" in d, len(d))
for k, v in sorted(d.items(), key=lambda kv: -kv[1]):
    print(k, v)
inv = {v: k for k, v in d.items()}
print(inv, list(d), list(d.values()))
merged = {**d, "e": 5}
print(merged, d | {"f": 6})
print(dict.fromkeys("xy", 0), dict(zip("ab", [1, 2])))
