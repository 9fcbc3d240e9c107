# PENDING (issue 22, lesson 6): the playground snippet "The gradient at x[0] for three starts of
# W_hh" as the issue asks for it, with a random orthogonal W_hh. Not in the lesson yet because MiniPy
# lacks torch.nn.init (`unroll run` says: NotImplementedError: MiniPy does not have torch.nn.init
# (PyTorch does)). The lesson's snippet `playground-start-w-hh` uses the identity, which is orthogonal
# too. When MiniPy has torch.nn.init.orthogonal_, replace that snippet's code with this file's code
# below the line, keep its id, and delete this file (and the folder, if empty). `unroll check Lessons`
# reads only *.yaml at the top of Lessons/, so this file is not loaded.
#
# Under torch 2.15 (~/torchenv/bin/python) it prints, for example:
#   default 4.6e-14
#   halved 0.0e+00
#   identity 2.0e-06
#   orthogonal 8.4e-04
# (numbers from torch's generator; MiniPy's differ, the order of magnitude is the lesson).
# ---------------------------------------------------------------------------------------------
import torch
torch.manual_seed(0)
rnn = torch.nn.RNN(4, 8)
x = 0.5 * torch.randn(50, 4)                   # 50 steps, unbatched
default = rnn.weight_hh_l0.detach().clone()
orthogonal = torch.nn.init.orthogonal_(torch.empty(8, 8))
for name, W_hh in [("default", default), ("halved", default / 2),
                   ("identity", torch.eye(8)), ("orthogonal", orthogonal)]:
    with torch.no_grad():
        rnn.weight_hh_l0.copy_(W_hh)
    xg = x.clone().requires_grad_()
    output, h_n = rnn(xg)
    h_n.sum().backward()
    print(name, "%.1e" % xg.grad[0].norm().item())
# an orthogonal W_hh has every singular value 1: only tanh's slopes shrink the gradient
