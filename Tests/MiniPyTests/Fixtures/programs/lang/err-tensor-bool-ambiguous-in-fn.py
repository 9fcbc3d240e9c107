import torch
def is_positive(t):
    if t > 0:
        return True
    return False
print(is_positive(torch.tensor(3.0)))
print(is_positive(torch.tensor([1.0, -1.0])))
