class Counter:
    created = 0
    def __init__(self):
        Counter.created += 1
    @classmethod
    def make(cls):
        return cls()
    @staticmethod
    def describe(x):
        return f"counter {x}"

Counter(); Counter.make(); Counter().make()
print(Counter.created, Counter.describe(1), Counter().describe(2))
