def averager():
    total = 0
    count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            break
        total += value
        count += 1
        avg = total / count
    return count

g = averager()
next(g)
print(g.send(10))
print(g.send(20))
print(g.send(60))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value if hasattr(e, "value") else e)
