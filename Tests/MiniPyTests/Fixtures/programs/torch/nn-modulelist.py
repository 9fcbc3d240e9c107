import torch
import torch.nn as nn
layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(3)])
print(layers)
layers.append(nn.ReLU())
layers.extend([nn.Tanh(), nn.Tanh()])
print(layers)
print(len(layers), layers[1], layers[-1])
print(layers[:2])
for i, layer in enumerate(layers):
    if i > 3:
        print(i, layer)
print(sum(p.numel() for p in layers.parameters()))
try:
    layers(torch.ones(2))
except NotImplementedError as e:
    print(e)
try:
    layers.append(3)
except TypeError as e:
    print(e)
