class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __add__(self, other):
        return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
    def __mul__(self, k):
        return Vec(*[a * k for a in self.xs])
    def __rmul__(self, k):
        return self * k
    def __neg__(self):
        return Vec(*[-a for a in self.xs])
    def __eq__(self, other):
        return isinstance(other, Vec) and self.xs == other.xs
    def __lt__(self, other):
        return sum(self.xs) < sum(other.xs)
    def __repr__(self):
        return "Vec(" + ", ".join(map(str, self.xs)) + ")"

a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a * 3, 2 * a, -a, a == Vec(1, 2), a != b, a < b, sorted([b, a]))
try:
    a - b
except TypeError as e:
    print(e)
