class Layer:
    count = 0
    def __init__(self, name):
        Layer.count += 1
        self.name = name
    def describe(self):
        return f"{type(self).__name__}({self.name})"
    def forward(self, x):
        raise NotImplementedError(f"{type(self).__name__} must implement forward")

class Scale(Layer):
    def __init__(self, name, k):
        super().__init__(name)
        self.k = k
    def forward(self, x):
        return [v * self.k for v in x]

class Shift(Scale):
    def forward(self, x):
        return [v + 1 for v in super().forward(x)]

layers = [Scale("s", 2), Shift("t", 3)]
x = [1, 2]
for l in layers:
    x = l.forward(x)
    print(l.describe(), x)
print(Layer.count, isinstance(layers[1], Scale), Shift.__mro__[1].__name__)
Layer("base").forward(x)
