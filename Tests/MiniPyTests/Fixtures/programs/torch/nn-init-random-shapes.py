import torch
import torch.nn as nn
torch.manual_seed(0)
w = torch.empty(4, 6)
for init in [nn.init.uniform_, nn.init.normal_, nn.init.xavier_uniform_, nn.init.xavier_normal_, nn.init.kaiming_uniform_, nn.init.kaiming_normal_, nn.init.orthogonal_]:
    out = init(w)
    print(init.__name__, out is w, out.shape)
bound = 1 / 6 ** 0.5
nn.init.uniform_(w, -bound, bound)
print(bool((w.abs() <= bound).all()))
q = nn.init.orthogonal_(torch.empty(3, 5))
print(torch.allclose(q @ q.t(), torch.eye(3), atol=1e-5))
r = nn.init.orthogonal_(torch.empty(5, 3))
print(torch.allclose(r.t() @ r, torch.eye(3), atol=1e-5))
lstm = nn.LSTM(4, 4)
nn.init.orthogonal_(lstm.weight_hh_l0)
print(lstm.weight_hh_l0.shape, lstm.weight_hh_l0.requires_grad)
