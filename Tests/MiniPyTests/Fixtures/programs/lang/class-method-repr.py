class A:
    def m(self):
        pass
def f():
    pass
a = A()
print(type(a.m).__name__, type(f).__name__, type(A).__name__)
print(A.m.__name__, a.m.__name__, f.__name__, (lambda: 0).__name__)
print(A.m.__qualname__)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__)
