def log_calls(func):
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__} with {args} {kwargs}")
        result = func(*args, **kwargs)
        print(f"{func.__name__} returned {result}")
        return result
    return wrapper

@log_calls
def add(a, b=0):
    return a + b

add(2, b=3)
def repeat(n):
    def deco(f):
        def inner():
            return [f() for _ in range(n)]
        return inner
    return deco
@repeat(3)
def hello():
    return "hi"
print(hello())
