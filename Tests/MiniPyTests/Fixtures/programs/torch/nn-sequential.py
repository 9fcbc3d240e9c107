import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2), nn.Softmax(dim=1))
print(model)
print(len(model), model[0], model[-1])
print(model[1:])
print([type(m).__name__ for m in model])
print([name for name, _ in model.named_parameters()])
print(list(model.state_dict().keys()))
with torch.no_grad():
    for p in model.parameters():
        p.fill_(0.1)
print(model(torch.ones(2, 3)))
model.append(nn.Identity())
print(len(model))
