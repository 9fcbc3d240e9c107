def f(a, b=2):
    return a + b

for call in ["f()", "f(1, 2, 3)", "f(1, a=2)", "f(1, c=3)"]:
    try:
        eval_result = None
        if call == "f()":
            f()
        elif call == "f(1, 2, 3)":
            f(1, 2, 3)
        elif call == "f(1, a=2)":
            f(1, a=2)
        else:
            f(1, c=3)
    except TypeError as e:
        print(e)
