config = {"model": {"hidden": 16, "layers": 2}}
def get(path):
    node = config
    for key in path.split("."):
        node = node[key]
    return node
print(get("model.hidden"))
print(get("model.dropout"))
