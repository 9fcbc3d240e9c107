def depth(n):
    return depth(n + 1)

try:
    depth(0)
except RecursionError as e:
    print("caught:", e)

def down(n):
    if n == 0:
        return 0
    return 1 + down(n - 1)
print(down(900))
