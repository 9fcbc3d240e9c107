import torch
import torch.nn.functional as F
x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
print(F.relu(x), F.leaky_relu(x, 0.1), F.elu(x), F.gelu(x[1:4]), F.gelu(x, approximate='tanh'))
print(F.silu(x), F.softplus(x), F.relu6(x * 3), F.hardtanh(x), F.logsigmoid(x))
print(F.softmax(x, dim=0), F.log_softmax(x, dim=0), F.softmin(x, dim=0))
y = x.clone()
F.relu(y, inplace=True)
print(y)
