import RNNEngine
print("engine-bench: not yet")
