import torch
x = torch.zeros(2)
print(x.dtype == torch.float32, x.dtype is torch.float, x.dtype == torch.float64)
print(torch.float, torch.long, torch.int, torch.double, torch.bool)
print(torch.get_default_dtype())
print(x.is_floating_point(), torch.tensor([1]).is_floating_point())
d = {torch.float32: 'float', torch.int64: 'long'}
print(d[torch.tensor([1]).dtype])
print(x.device, str(x.device), torch.device('cpu'))
print(torch.cuda.is_available())
