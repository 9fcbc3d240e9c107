class A:
    def __init__(self):
        self.value = 1
a = A()
try:
    print(a.valeu)
except AttributeError as e:
    print(e)
try:
    A.missing
except AttributeError as e:
    print(e)
print(getattr(a, "value"), getattr(a, "nope", 42), hasattr(a, "value"), hasattr(a, "nope"))
setattr(a, "extra", [1])
print(a.extra)
del a.extra
print(hasattr(a, "extra"))
a.nothing
