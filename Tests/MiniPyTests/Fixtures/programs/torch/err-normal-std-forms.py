import torch
for f in [lambda: torch.empty(2).normal_(0, -0.5), lambda: torch.empty(2).normal_(0, -1e-07), lambda: torch.normal(0., -2., size=(2,)), lambda: torch.normal(torch.zeros(2), torch.tensor([-1.5, 1.0]))]:
    try:
        f()
    except RuntimeError as e:
        print(e)
print(torch.multinomial(torch.tensor([0.0, 0.0, 0.9]), 3).sort().values, torch.multinomial(torch.tensor([[0.0, 1.0, 0.0, 0.0]]), 4)[0, 0], torch.multinomial(torch.tensor([[0.0, 1.0, 0.0, 0.0]]), 4).sort().values)
