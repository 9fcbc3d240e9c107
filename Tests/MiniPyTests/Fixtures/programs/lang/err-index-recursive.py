def nth(xs, n):
    if n == 0:
        return xs[0]
    return nth(xs[1:], n - 1)
print(nth([1, 2, 3], 2))
print(nth([1, 2, 3], 5))
