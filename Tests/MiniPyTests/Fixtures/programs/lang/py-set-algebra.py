a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, a ^ b, a <= b, {3} < a, a.issuperset({1, 2}))
a.add(10); a.discard(1); a.update([20, 30])
print(sorted(a), len(a), 20 in a)
words = "the cat and the hat and the bat".split()
print(sorted(set(words)), len(set(words)), {w[0] for w in words} == {"t", "c", "a", "h", "b"})
print(set("hello") == set("olleh"), frozenset([1, 2]) == {2, 1})
