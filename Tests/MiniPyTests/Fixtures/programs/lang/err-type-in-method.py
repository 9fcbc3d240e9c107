class Scaler:
    def __init__(self, k):
        self.k = k
    def apply(self, xs):
        return [x * self.k for x in xs]
s = Scaler("2")
print(s.apply([1, 2]))
print(Scaler(2).apply(3))
