def resource():
    print("open")
    try:
        yield 1
        yield 2
    finally:
        print("close")

for x in resource():
    print(x)
g = resource()
print(next(g))
g.close()
print("after close")
