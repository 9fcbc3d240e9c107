registry = {}
def register(cls):
    registry[cls.__name__.lower()] = cls
    return cls

@register
class Relu:
    def __call__(self, x):
        return max(0, x)

@register
class Identity:
    def __call__(self, x):
        return x

print(sorted(registry), [registry[n]()(-2) for n in sorted(registry)])
def build(name):
    try:
        return registry[name]()
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; choose from {sorted(registry)}") from None
print(build("relu")(3))
build("gelu")
