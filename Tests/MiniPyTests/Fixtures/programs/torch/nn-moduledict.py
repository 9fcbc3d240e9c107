import torch
import torch.nn as nn
heads = nn.ModuleDict({"cls": nn.Linear(4, 3), "reg": nn.Linear(4, 1)})
print(heads)
print(heads["reg"], "cls" in heads, len(heads))
print(list(heads.keys()))
for name, m in heads.items():
    print(name, m.out_features)
heads["extra"] = nn.ReLU()
print(list(heads))
try:
    heads["missing"]
except KeyError as e:
    print("KeyError", e)
