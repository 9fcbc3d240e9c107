def flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for item in x for y in flatten(item)]
    return [x]
print(flatten([1, [2, (3, [4])], [[5]]]))
def depth(x):
    if isinstance(x, dict):
        return 1 + max((depth(v) for v in x.values()), default=0)
    return 0
print(depth({"a": {"b": {"c": 1}}, "d": 2}))
tree = ("root", [("a", []), ("b", [("c", [])])])
def walk(node, level=0):
    name, kids = node
    print("  " * level + name)
    for k in kids:
        walk(k, level + 1)
walk(tree)
