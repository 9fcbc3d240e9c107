class ShapeError(ValueError):
    def __init__(self, expected, got):
        super().__init__(f"expected {expected}, got {got}")
        self.expected = expected
        self.got = got

class TrainingError(Exception):
    pass

def check(shape):
    if shape != (2, 3):
        raise ShapeError((2, 3), shape)
    return "ok"

print(check((2, 3)))
try:
    check((3, 2))
except ValueError as e:
    print(type(e).__name__, e, e.expected, e.args)
try:
    raise TrainingError("diverged", 7)
except TrainingError as e:
    print(e, e.args, repr(e))
print(issubclass(ShapeError, Exception), isinstance(ShapeError(1, 2), ValueError))
raise ShapeError(1, 2)
