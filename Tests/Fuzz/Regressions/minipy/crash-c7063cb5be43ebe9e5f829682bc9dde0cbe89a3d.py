import torch
y1 = torch.arange(-3, float('inf'), 0.25)
h2 = h2[float('inf')]
out3 = {w: len(w) for w in 'hello'.split('l')}
print(out3.get('a'))
print([h2.startswith(str(10**18))])

