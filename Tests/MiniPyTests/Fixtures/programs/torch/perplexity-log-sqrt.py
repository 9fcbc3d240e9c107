import math
import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [1.0, 1.0, 1.0]])
targets = torch.tensor([0, 2, 1])
loss = F.cross_entropy(logits, targets)
print(loss, torch.exp(loss), math.exp(loss.item()))
probs = torch.softmax(logits, dim=1)
picked = probs[torch.arange(3), targets]
print(picked)
nll = -torch.log(picked)
print(nll, nll.mean(), torch.allclose(nll.mean(), loss))
print(torch.log(torch.tensor([1.0, 0.0, -1.0])), torch.sqrt(torch.tensor([4.0, 2.0, 0.0, -1.0])))
print(torch.log(torch.tensor([1, 2, 4])), torch.sqrt(torch.tensor([9, 16])))
x = torch.tensor([1.0, 4.0, 9.0], requires_grad=True)
(torch.sqrt(x) + torch.log(x)).sum().backward()
print(x.grad)
print(x.log().detach(), x.sqrt().detach(), torch.log2(torch.tensor(8.0)), torch.log10(torch.tensor(1000.0)))
print(F.log_softmax(logits, dim=1))
print(torch.log(torch.softmax(logits, dim=1)) - F.log_softmax(logits, dim=1))
