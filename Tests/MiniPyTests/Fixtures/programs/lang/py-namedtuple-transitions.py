from collections import namedtuple

Transition = namedtuple("Transition", ["state", "action", "reward"])
memory = [Transition(0, "left", -1.0), Transition(1, "right", 0.5), Transition(2, "left", 1.0)]
print(memory[0], memory[1].action, len(memory[2]))
batch = Transition(*zip(*memory))
print(batch.state, batch.reward)
s, a, r = memory[2]
print(s, a, r, memory[2] == (2, "left", 1.0), memory[0]._asdict())
print(memory[1]._replace(reward=9.0), Transition._fields)
Point = namedtuple("Point", "x y", defaults=[0])
print(Point(1), Point(1, 2), sum(Point(3, 4)))
