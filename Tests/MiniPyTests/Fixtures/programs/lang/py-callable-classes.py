class Polynomial:
    def __init__(self, *coeffs):
        self.coeffs = coeffs
    def __call__(self, x):
        return sum(c * x ** i for i, c in enumerate(self.coeffs))
    def derivative(self):
        return Polynomial(*[i * c for i, c in enumerate(self.coeffs)][1:])
    def __repr__(self):
        return " + ".join(f"{c}x^{i}" for i, c in enumerate(self.coeffs) if c)

p = Polynomial(1, 0, 3)
print(p, p(2), p.derivative(), p.derivative()(2), [p(x) for x in range(4)])
