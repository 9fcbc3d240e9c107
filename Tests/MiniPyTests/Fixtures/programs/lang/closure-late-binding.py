funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
def adders():
    out = []
    for n in range(3):
        def add(x, n=n):
            return x + n
        out.append(add)
    return out
print([a(10) for a in adders()])
