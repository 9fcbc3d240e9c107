it = iter([10, 20, 30])
print(next(it), next(it))
print(list(it))
print(next(it, "done"))
try:
    next(it)
except StopIteration:
    print("stop")
letters = iter("abc")
for ch in letters:
    print(ch, end=" ")
print()
r = iter(range(3))
print(type(r).__name__, type(it).__name__)
