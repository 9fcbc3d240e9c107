errors = []
for code in ["1/0", "[][1]", "{}['k']", "int('x')", "None + 1", "undefined_name", "'a'.nope", "len(5)"]:
    try:
        if code == "1/0": 1 / 0
        elif code == "[][1]": [][1]
        elif code == "{}['k']": {}["k"]
        elif code == "int('x')": int("x")
        elif code == "None + 1": None + 1
        elif code == "undefined_name": undefined_name
        elif code == "'a'.nope": "a".nope
        else: len(5)
    except Exception as e:
        errors.append(f"{type(e).__name__}: {e}")
print("\n".join(errors))
