class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()
    def __len__(self):
        return len(self._items)
    def __repr__(self):
        return f"Stack({self._items})"

s = Stack()
for ch in "([{":
    s.push(ch)
print(s, len(s), s.pop(), s)
def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = Stack()
    for ch in text:
        if ch in "([{":
            st.push(ch)
        elif ch in pairs:
            if len(st) == 0 or st.pop() != pairs[ch]:
                return False
    return len(st) == 0
print([balanced(t) for t in ["()[]", "([)]", "((", "{[()]}"]])
Stack().pop()
