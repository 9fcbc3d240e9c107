class Example:
    __slots_like__ = ("text", "label")
    def __init__(self, text, label):
        self.text = text
        self.label = label
    def __eq__(self, other):
        return (self.text, self.label) == (other.text, other.label)
    def __lt__(self, other):
        return self.label < other.label
    def __hash__(self):
        return hash((self.text, self.label))
    def __repr__(self):
        return f"Example(text={self.text!r}, label={self.label})"

data = [Example("good", 1), Example("bad", 0), Example("ok", 1)]
print(sorted(data), Example("a", 1) == Example("a", 1), data[0] != data[2])
print(len({Example("a", 1), Example("a", 1)}), min(data), max(data, key=lambda e: len(e.text)))
