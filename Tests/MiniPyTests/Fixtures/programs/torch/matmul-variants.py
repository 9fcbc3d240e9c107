import torch
a = torch.tensor([[1., 2.], [3., 4.]])
v = torch.tensor([1., -1.])
print(a @ v, v @ a, a @ a, v @ v)
print(torch.mm(a, a), torch.mv(a, v), torch.dot(v, v), torch.outer(v, v))
b = torch.arange(12.0).view(2, 2, 3)
print(torch.bmm(a.expand(2, 2, 2), b))
print(torch.matmul(b.transpose(1, 2), a).shape)
print((torch.ones(3, 2, 4) @ torch.ones(4, 5)).shape)
print((torch.ones(3, 4) @ torch.ones(2, 4, 5)).shape)
print(torch.tensor([[1, 2]]) @ torch.tensor([[3], [4]]))
for bad in [lambda: torch.mm(a, torch.ones(3, 2)), lambda: torch.dot(v, torch.ones(3)), lambda: torch.bmm(a, a),
            lambda: a @ torch.ones(3), lambda: torch.ones(2, 3) @ torch.ones(2, 3)]:
    try:
        bad()
    except RuntimeError as e:
        print(e)
