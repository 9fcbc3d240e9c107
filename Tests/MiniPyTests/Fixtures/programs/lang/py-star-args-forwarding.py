def base(a, b, c=3, *rest, d=4, **kw):
    return (a, b, c, rest, d, kw)
def forward(*args, **kwargs):
    return base(*args, **kwargs)
print(forward(1, 2))
print(forward(1, 2, 5, 6, 7, d=0, e=9))
print(forward(*[1], **{"b": 2, "z": 0}))
print(base(1, *[2, 3], *(4,), **{"d": 5}))
