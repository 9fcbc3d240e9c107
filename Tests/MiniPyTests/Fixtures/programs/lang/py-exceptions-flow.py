def parse(s):
    try:
        n = int(s)
    except ValueError:
        print("not a number:", s)
        return None
    else:
        print("parsed", n)
        return n
    finally:
        print("done with", repr(s))

print(parse("12"), parse("x"))
def risky(i):
    if i == 0:
        raise KeyError("zero")
    if i == 1:
        raise IndexError("one")
    return i
for i in range(3):
    try:
        print(risky(i))
    except (KeyError, IndexError) as e:
        print(type(e).__name__, e)
