class Token:
    def __init__(self, text):
        self.text = text
    def __str__(self):
        return "Token:" + self.text
    def __repr__(self):
        return "Token(%r)" % self.text

t = Token("cat")
print(t)
print([t, Token("dog")])
print(str(t), repr(t), f"{t}", f"{t!r}")
class Plain:
    pass
print(repr(Plain())[:22])
