def noisy(n):
    print("making", n)
    return n

g = (noisy(i) for i in range(3))
print("created")
print(next(g))
print(any(noisy(i) > 0 for i in range(5)))
print(type(g).__name__)
