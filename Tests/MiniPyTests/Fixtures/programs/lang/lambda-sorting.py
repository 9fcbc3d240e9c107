people = [("Ada", 36), ("Alan", 41), ("Grace", 85), ("Linus", 21)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[0], reverse=True))
print(max(people, key=lambda p: p[1]))
print(min(people, key=lambda p: len(p[0])))
words = ["banana", "Apple", "cherry", "apple"]
print(sorted(words), sorted(words, key=str.lower))
print(sorted(words, key=len))
square = lambda x: x ** 2
print(list(map(square, [1, 2, 3])))
