class Model:
    def __init__(self, sizes):
        self.sizes = sizes
    def layer(self, i):
        return self.sizes[i]
    def total(self):
        return sum(self.layer(i) for i in range(len(self.sizes) + 1))

m = Model([3, 4])
print(m.layer(1))
print(m.total())
