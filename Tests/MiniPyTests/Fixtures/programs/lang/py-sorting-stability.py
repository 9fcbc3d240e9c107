records = [("bob", 3), ("alice", 1), ("carol", 3), ("dave", 2), ("eve", 1)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
print(sorted(records, key=lambda r: (-r[1], r[0])))
records.sort(key=lambda r: r[0][-1])
print(records)
print(sorted("Banana apple Cherry".split(), key=str.lower), sorted([3.5, -1, 2]), max("aAbB"), min([[2], [1, 5]]))
