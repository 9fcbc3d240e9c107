import torch
probs = torch.tensor([0.1, 0.0, 0.9])
try:
    torch.multinomial(probs, 3)
except RuntimeError as e:
    print(e)
try:
    torch.multinomial(torch.tensor([0.2, -0.1]), 1)
except RuntimeError as e:
    print(e)
print(torch.multinomial(torch.tensor([0.0, 1.0, 0.0]), 1), torch.multinomial(torch.tensor([[0.0, 1.0], [1.0, 0.0]]), 1))
torch.multinomial(torch.tensor([0.0, 0.0]), 1)
