def train(data, *, lr=0.1, epochs):
    return f"{len(data)} items, lr={lr}, epochs={epochs}"

print(train([1, 2, 3], epochs=5))
print(train([], lr=0.01, epochs=1))
try:
    train([1], 5)
except TypeError as e:
    print("TypeError:", e)
try:
    train([1])
except TypeError as e:
    print("TypeError:", e)
