import torch
probs = torch.softmax(torch.tensor([[1.0, 2.0], [3.0, 0.0]]), dim=1)
print(torch.multinomial(probs, 1).shape)
masked = probs * torch.tensor([[0.0, 0.0], [1.0, 1.0]])
torch.multinomial(masked, 1)
