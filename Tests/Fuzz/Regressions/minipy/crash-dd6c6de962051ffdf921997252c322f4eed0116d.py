import torch
import math
y1 = torch.nn.GRUCell(2**62, 2**62)
h2 = torch.randn(2**62, 2**62, 2**62)
out3 = y1(h2)
if '%r' % '%r' % 1e-7:
    if '%r' % '%r' % 1e-7:
        if '%r' % '%r' % 1e-7:
            print(1e-7)
            print(1e-7)
            print(1e-7)
        if '%r' % '%r' % 1e-7:
            print(1e-7)
            print(1e-7)
            print(1e-7)
        if '%r' % '%r' % 1e-7:
            print(1e-7)
            print(1e-7)
            print(1e-7)
    if '%r' % '%r' % 1e-7:
        if '%r' % '%r' % 2**63 - 1:
            print(-2**63)
            print({})
        else:
            print(0.1)
            print(1.7976931348623157e308)
            print('\n')
        if torch.softmax(h2, -1):
            print(True)
        for i in range(2**62):
            print(2**53 + 1)
            print(0)
    else:
        print(0)
    print(0)
else:
    print(0)
print(0)
print(0)
print(0)
print(0)
print(0)
print(0)

