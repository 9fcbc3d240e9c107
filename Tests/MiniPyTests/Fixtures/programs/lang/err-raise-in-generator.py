def checked(xs):
    for x in xs:
        if x < 0:
            raise ValueError(f"negative value {x}")
        yield x
print(list(checked([1, 2])))
total = 0
for v in checked([3, -4, 5]):
    total += v
