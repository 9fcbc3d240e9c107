class Config:
    def __init__(self, **kw):
        self._data = kw
    def __getattr__(self, name):
        if name in self._data:
            return self._data[name]
        raise AttributeError(f"no setting {name!r}")

c = Config(lr=0.1, epochs=3)
print(c.lr, c.epochs)
try:
    c.momentum
except AttributeError as e:
    print(e)
