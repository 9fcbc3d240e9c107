import torch
i = torch.tensor([1, 2, 3])
for bad in [lambda: i.add_(0.5), lambda: i.div_(2), lambda: i.exp_(),
            lambda: torch.zeros(2).add_(torch.ones(2, 2)),
            lambda: torch.ones(2, requires_grad=True).zero_(),
            lambda: torch.ones(2, requires_grad=True)[0].fill_(1),
            lambda: torch.zeros(1).expand(3).add_(1),
            lambda: torch.zeros(2).copy_(torch.ones(3)),
            lambda: torch.zeros(2).fill_(torch.tensor([1., 2.]))]:
    try:
        bad()
        print("ok")
    except Exception as e:
        print(type(e).__name__ + ":", e)
b = torch.tensor([True, False])
try:
    b += 1
except RuntimeError as e:
    print(e)
