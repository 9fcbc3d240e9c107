a = [1, 2, 3]
b = ["x", "y"]
print(list(zip(a, b)))
try:
    print(list(zip(a, b, strict=True)))
except ValueError as e:
    print("ValueError:", e)
