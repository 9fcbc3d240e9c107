import itertools
print(list(itertools.islice(itertools.count(10, 5), 4)))
print(list(itertools.chain([1, 2], "ab", range(2))))
print(list(itertools.product("ab", range(2))))
print(list(itertools.permutations([1, 2, 3], 2)))
print(list(itertools.combinations("abcd", 2)))
print(list(itertools.accumulate([1, 2, 3, 4])))
print(list(itertools.zip_longest([1, 2, 3], "ab", fillvalue="-")))
from functools import reduce
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 0))
