def load(name):
    try:
        return {"a": 1}[name]
    except KeyError as e:
        raise ValueError(f"unknown {name}") from e

try:
    load("b")
except ValueError as e:
    print(e, type(e.__cause__).__name__ if hasattr(e, "__cause__") else "")
load("c")
