import torch
import math
y1 = [0]
y1.append(0)
for i in range(3):
    h2 = torch.arange(-3, float('inf'), 0.25)
    out3 = torch.arange(0.5, 0, 0)
    w4 = torch.nn.LSTMCell(1, 3)
    s5 = torch.randn(1, 1, 1)
    n6 = w4(s5)
    print(w4.state_dict().keys())
    out.sum().backward()
print(-(0))
lst7 = 0
print(255)
if out3.max():
    rnn8 = [abs([])]
    rnn8.insert(0, 1)
else:
    d9 = [int(None), round('%.3f', 0), ~(0)]
    d9.insert(-2**63, 1)

