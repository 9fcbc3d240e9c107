def countdown(n):
    print("start")
    while n > 0:
        yield n
        n -= 1
    print("end")

for x in countdown(3):
    print("got", x)

g = countdown(2)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("finished")
