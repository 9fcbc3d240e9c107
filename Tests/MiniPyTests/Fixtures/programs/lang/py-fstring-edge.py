name, n, f = "rnn", 7, 2 / 3
print(f"{name!r:>8}|{n:#x}|{n:+04d}|{f:.2%}|{f:10.4e}|{'x' * 3}|{n * 2 = }")
width = 6
print(f"{n:{width}}|{f:.{n - 4}f}|{name:*^{width}}")
print(f"{{literal}} {3 + 4} {[i for i in range(3)]} {dict(a=1)['a']}")
