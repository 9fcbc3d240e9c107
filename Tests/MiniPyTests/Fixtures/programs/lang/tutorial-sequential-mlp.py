# A feed-forward classifier the way the quickstart tutorial writes it (nn.Sequential, ReLU, Flatten).
import torch
from torch import nn

class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(4, 8),
            nn.ReLU(),
            nn.Linear(8, 3),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits

def init_weights(model, salt=0):
    sd = {}
    for i, (name, t) in enumerate(model.state_dict().items()):
        vals = [(((k + salt) * 7 + i * 3) % 11 - 5) / 20 for k in range(t.numel())]
        sd[name] = torch.tensor(vals).reshape(t.shape)
    model.load_state_dict(sd)

model = NeuralNetwork()
init_weights(model)
print(model)
X = torch.tensor([[[1.0, 0.0], [0.5, -1.0]], [[0.0, 1.0], [1.0, 1.0]]])
logits = model(X)
pred_probab = nn.Softmax(dim=1)(logits)
print(logits.shape, pred_probab.argmax(1).tolist())
for name, param in model.named_parameters():
    print(f"Layer: {name} | Size: {param.size()}")
