import torch
a = torch.tensor([1.0, float('nan'), 2.0])
print(torch.isnan(a), torch.isinf(a / 0), torch.isfinite(a))
print(torch.isclose(a, torch.tensor([1.0, float('nan'), 2.0001])))
print(torch.allclose(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0 + 1e-7])))
print(torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2])), torch.equal(torch.tensor([1]), torch.tensor([1, 1])))
print(a.nansum(), torch.tensor([float('nan')]).max())
