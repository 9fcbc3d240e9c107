import torch
y1 = 0
while y1 < 3:
    y1 += 1
    h2 = torch.nn.GRUCell(2**62, 1)
    out3 = torch.randn(16, 1, 2**62)
    w4 = h2(out3)
    print(h2.state_dict().keys())
    out.sum().backward()
try:
    print((0,))
    print(0)
except Exception as e:
    print(e)
finally:
    print('done')
print(0)
print(0)
print(0)
print(0)
print(0)
print(0)

