# The Dataset / DataLoader pattern, written by hand: __len__, __getitem__ and a batching generator.
import torch

class SequenceDataset:
    def __init__(self, n, length):
        self.items = [[(i + t) % 5 for t in range(length)] for i in range(n)]
        self.labels = [i % 2 for i in range(n)]
    def __len__(self):
        return len(self.items)
    def __getitem__(self, idx):
        return torch.tensor(self.items[idx]), self.labels[idx]

def data_loader(dataset, batch_size, shuffle=False):
    order = list(range(len(dataset)))
    if shuffle:
        order = order[::-1]
    for start in range(0, len(order), batch_size):
        batch = [dataset[i] for i in order[start:start + batch_size]]
        xs = torch.stack([x for x, _ in batch])
        ys = torch.tensor([y for _, y in batch])
        yield xs, ys

ds = SequenceDataset(7, 4)
print(len(ds), ds[2])
for step, (xb, yb) in enumerate(data_loader(ds, 3, shuffle=True)):
    print(step, xb.shape, yb.tolist())
print(sum(1 for _ in data_loader(ds, 2)))
