import torch
x = torch.tensor([1.0, 2.0])
print(x.new_zeros(3), x.new_ones(2, 2), x.new_full((2,), 7.0), x.new_tensor([1, 2]))
i = torch.tensor([1, 2])
print(i.new_zeros(2), i.new_tensor([3.7]))
print(torch.zeros_like(i, dtype=torch.float32), torch.empty_like(x).shape)
print(torch.numel(torch.zeros(3, 4)), torch.is_tensor(x), torch.is_tensor([1]))
