def running_average():
    values = []
    def add(v):
        values.append(v)
        return sum(values) / len(values)
    return add
avg = running_average()
print([avg(v) for v in [10, 20, 30, 40]])
def make_multipliers():
    return [lambda x, k=k: x * k for k in range(1, 4)]
print([m(10) for m in make_multipliers()])
