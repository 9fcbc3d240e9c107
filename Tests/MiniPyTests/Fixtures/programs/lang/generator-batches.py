def batches(data, size):
    for i in range(0, len(data), size):
        yield data[i:i + size]

data = list(range(10))
for b in batches(data, 4):
    print(b)
print(list(batches("abcdefg", 3)))
print(sum(len(b) for b in batches(data, 3)))
