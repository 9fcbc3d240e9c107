import torch
import torch.nn as nn

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)

b = Block()
print(isinstance(b, nn.Module), isinstance(b.lin, nn.Module), isinstance(b.lin, nn.Linear), isinstance(b, Block))
print(issubclass(Block, nn.Module), type(b.lin).__name__, type(b).__name__)
count = {}
for m in b.modules():
    name = type(m).__name__
    count[name] = count.get(name, 0) + 1
print(count)
