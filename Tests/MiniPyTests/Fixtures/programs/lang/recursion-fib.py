def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print([fib(i) for i in range(15)])

def memo_fib(n, cache={}):
    if n in cache:
        return cache[n]
    r = n if n < 2 else memo_fib(n - 1) + memo_fib(n - 2)
    cache[n] = r
    return r
print(memo_fib(80))
