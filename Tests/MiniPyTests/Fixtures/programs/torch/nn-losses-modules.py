import torch
import torch.nn as nn
logits = torch.tensor([[1.5, -0.5], [0.3, 0.8], [2.0, 2.0], [-1.0, 0.0]], requires_grad=True)
target = torch.tensor([0, 1, 1, 0])
for loss_fn in [nn.CrossEntropyLoss(), nn.CrossEntropyLoss(reduction='sum'), nn.NLLLoss()]:
    inp = logits if not isinstance(loss_fn, nn.NLLLoss) else torch.log_softmax(logits, dim=1)
    loss = loss_fn(inp, target)
    print(loss_fn, loss)
    logits.grad = None
    loss.backward()
    print(logits.grad)
mse = nn.MSELoss()
print(mse, mse(torch.tensor([1.0, 2.0]), torch.tensor([1.5, 1.0])))
bce = nn.BCEWithLogitsLoss()
print(bce(torch.tensor([0.3, -2.0]), torch.tensor([1.0, 0.0])))
print(nn.BCELoss()(torch.tensor([0.8, 0.1]), torch.tensor([1.0, 0.0])), nn.L1Loss()(torch.tensor([1.0]), torch.tensor([3.0])))
