import torch
for make in [lambda: torch.tensor([[1, 2], [3]]),
             lambda: torch.zeros(-1),
             lambda: torch.zeros(2.5),
             lambda: torch.linspace(0, 1, -1),
             lambda: torch.arange(0, 10, 0),
             lambda: torch.arange(10, 0),
             lambda: torch.tensor([torch.ones(2), torch.ones(2)]),
             lambda: torch.full(3, 1.0),
             lambda: torch.eye(-1)]:
    try:
        make()
    except Exception as e:
        print(type(e).__name__ + ":", e)
