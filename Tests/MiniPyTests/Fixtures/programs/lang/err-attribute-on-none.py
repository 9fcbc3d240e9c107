class Node:
    def __init__(self, v):
        self.v = v
        self.next = None
n = Node(1)
n.next = Node(2)
print(n.next.v)
print(n.next.next.v)
