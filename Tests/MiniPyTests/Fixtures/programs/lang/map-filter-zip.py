nums = [1, 2, 3, 4, 5, 6]
evens = list(filter(lambda n: n % 2 == 0, nums))
print(evens)
print(list(map(lambda a, b: a * b, nums, reversed(nums))))
names = ["x", "y", "z"]
print(list(zip(names, nums)))
print(dict(zip(names, nums)))
for i, (n, v) in enumerate(zip(names, nums), start=1):
    print(i, n, v)
print(list(zip(*[(1, 'a'), (2, 'b')])))
print(list(filter(None, [0, 1, '', 'x', None, [], [0]])))
