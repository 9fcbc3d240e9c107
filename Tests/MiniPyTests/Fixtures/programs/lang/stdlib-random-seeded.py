import random

random.seed(42)
print(random.random(), random.random())
print([random.randint(1, 6) for _ in range(10)])
data = list(range(10))
random.shuffle(data)
print(data)
print(random.choice("abcdef"), random.randrange(10), random.randrange(5, 50, 5))
print(random.sample(range(100), 5), random.sample(["a", "b", "c", "d"], 2))
print(round(random.uniform(-1, 1), 6), round(random.gauss(0, 1), 6), round(random.gauss(0, 1), 6))
print(random.choices(["x", "y", "z"], k=5), random.choices([1, 2, 3], weights=[1, 0, 5], k=4))
random.seed(0)
words = ["the", "cat", "sat", "on", "a", "mat"]
random.shuffle(words)
print(words, random.getrandbits(8))
random.seed(2**40 + 7)
print(random.random())
try:
    random.choice([])
except IndexError as e:
    print("IndexError:", e)
