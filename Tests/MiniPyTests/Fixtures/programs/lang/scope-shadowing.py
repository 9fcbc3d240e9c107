x = "global"
def outer():
    x = "outer"
    def inner():
        return x
    def shadow():
        x = "shadow"
        return x
    return inner(), shadow(), x
print(outer(), x)
def uses_builtin():
    len = lambda s: -1
    return len("abc")
print(uses_builtin(), len("abc"))
for i in range(3):
    pass
print(i, [j for j in range(2)])
