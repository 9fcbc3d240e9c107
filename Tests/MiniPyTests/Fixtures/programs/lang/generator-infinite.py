def naturals():
    n = 0
    while True:
        yield n
        n += 1

for n in naturals():
    if n * n > 50:
        break
    print(n, end=" ")
print()
gen = naturals()
print([next(gen) for _ in range(5)])
squares = (x * x for x in naturals())
print(next(squares), next(squares), next(squares))
