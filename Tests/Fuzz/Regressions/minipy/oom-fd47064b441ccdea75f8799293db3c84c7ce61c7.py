import math
y1 = 0
while y1 < 3:
    y1 += 1
    print('%.999999999f' % 2 + ())
    h2 = 0
    while h2 < 3:
        h2 += 1
        out3 = torch.randn(3, requires_grad=True)
        loss = (out3 * out3).sum()
        loss.backward()
        print(out3.grad)
        loss.backward()
print(0)
print('{} {}'.format('%d' % -1, ~('x,y,,z')))
w4 = '{} {}'.format(round(float('nan'), 0), {'a': float('-inf')})
s5 = torch.nn.CrossEntropyLoss()
print(s5)
n6 = torch.randn(1, 2, 1, requires_grad=True)
loss = (n6 * n6).max()
loss.backward()
print(n6.grad.shape)
lst7 = torch.nn.GRUCell(3, 2)
rnn8 = torch.randn(8, 3, 3)
d9 = lst7(rnn8)

