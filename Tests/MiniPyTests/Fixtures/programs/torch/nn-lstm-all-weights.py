import torch
import torch.nn as nn
lstm = nn.LSTM(2, 3, num_layers=2, bidirectional=True)
print(len(lstm.all_weights), [len(w) for w in lstm.all_weights])
print([[tuple(w.shape) for w in layer] for layer in lstm.all_weights])
print(lstm.flatten_parameters())
gru = nn.GRU(3, 2, bias=False)
print([[tuple(w.shape) for w in layer] for layer in gru.all_weights])
print(lstm.all_weights[0][0] is lstm.weight_ih_l0)
