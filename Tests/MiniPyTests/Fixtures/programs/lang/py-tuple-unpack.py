a, b, *rest = [1, 2, 3, 4, 5]
print(a, b, rest)
*init, last = "hello"
print(init, last)
(x, y), z = (1, 2), 3
print(x, y, z)
for i, (name, score) in enumerate([("a", 1), ("b", 2)]):
    print(i, name, score)
a, b = b, a
print(a, b)
try:
    p, q = [1, 2, 3]
except ValueError as e:
    print(e)
