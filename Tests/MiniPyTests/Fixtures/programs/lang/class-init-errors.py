class A:
    pass
try:
    A(1)
except TypeError as e:
    print(e)
class B:
    def __init__(self, x):
        self.x = x
try:
    B()
except TypeError as e:
    print(e)
try:
    B(1, 2)
except TypeError as e:
    print(e)
class C:
    def m(self):
        return 1
try:
    C().m(5)
except TypeError as e:
    print(e)
