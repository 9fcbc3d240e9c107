import torch
big = torch.tensor([9223372036854775807, -9223372036854775807 - 1, 0, 42])
print(big)
print(big.max(), big.min())
print(big[0] + 1)
print(big.abs())
print(torch.tensor(9223372036854775807))
