import torch
import torch.nn as nn

class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
    def forward(self, x):
        return self.fc(x)

def accuracy(model, X, y):
    with torch.no_grad():
        pred = model(X).argmax(dim=1)
    return (pred == y).float().mean().item()

X = torch.tensor([[1.0, 1.0], [2.0, 1.5], [-1.0, -1.0], [-2.0, -0.5], [1.5, 2.0], [-1.5, -2.0]])
y = torch.tensor([1, 1, 0, 0, 1, 0])
model = Classifier()
model.load_state_dict({"fc.weight": torch.tensor([[0.1, -0.1], [-0.1, 0.1]]), "fc.bias": torch.zeros(2)})
print("before", accuracy(model, X, y))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.CrossEntropyLoss()
history = []
for epoch in range(20):
    opt.zero_grad()
    loss = loss_fn(model(X), y)
    loss.backward()
    opt.step()
    history.append(round(loss.item(), 3))
print(history[::5])
print("after", accuracy(model, X, y))
