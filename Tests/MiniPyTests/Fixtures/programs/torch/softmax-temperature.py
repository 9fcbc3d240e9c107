import torch
logits = torch.tensor([2.0, 1.0, 0.1])
for temperature in [0.5, 1.0, 2.0]:
    print(temperature, torch.softmax(logits / temperature, dim=0))
print(torch.log_softmax(logits, dim=0))
print(logits.softmax(-1).sum())
batch = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(torch.softmax(batch, dim=1))
print(torch.softmax(batch, dim=0))
print(torch.nn.functional.softmax(batch, dim=-1).argmax(1))
