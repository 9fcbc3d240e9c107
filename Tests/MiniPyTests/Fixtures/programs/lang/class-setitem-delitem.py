class Grid:
    def __init__(self, n):
        self.cells = {}
        self.n = n
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __getitem__(self, key):
        return self.cells.get(key, 0)
    def __delitem__(self, key):
        del self.cells[key]
    def __len__(self):
        return len(self.cells)

g = Grid(3)
g[0, 1] = 5
g[2, 2] = 7
print(g[0, 1], g[1, 1], len(g))
del g[0, 1]
print(len(g), g.cells)
