import torch
x = torch.tensor([[0.1, 0.7, 0.2], [0.5, 0.3, 0.2]])
targets = torch.tensor([1, 0])
print(x.gather(1, targets.unsqueeze(1)))
print(x[torch.arange(2), targets])
print(x.index_select(1, torch.tensor([0, 2])))
print(x.masked_select(x > 0.25))
print(torch.nonzero(x > 0.25), (x > 0.25).nonzero(as_tuple=True))
print(x.argmax(1) == targets, (x.argmax(1) == targets).float().mean())
try:
    x.gather(1, torch.tensor([0, 1]))
except RuntimeError as e:
    print(e)
