def squares(n):
    for i in range(n):
        yield i * i
g = squares(4)
print(list(g), list(g))
it = iter([1, 2])
print(list(it), next(it, "empty"))
gen_exp = (c.upper() for c in "abc")
print("".join(gen_exp), "".join(gen_exp) == "")
print(type(squares).__name__, type(squares(1)).__name__)
