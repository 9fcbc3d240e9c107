import torch
class Batch:
    def __init__(self, inputs, targets):
        self.inputs = inputs
        self.targets = targets
    def __len__(self):
        return self.inputs.shape[0]
    def __iter__(self):
        for i in range(len(self)):
            yield self.inputs[i], self.targets[i]
b = Batch(torch.arange(6).view(3, 2), torch.tensor([0, 1, 0]))
print(len(b))
for x, y in b:
    print(x.tolist(), y.item())
