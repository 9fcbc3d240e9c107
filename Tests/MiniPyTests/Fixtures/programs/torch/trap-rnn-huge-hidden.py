import torch
rnn = torch.nn.RNN(2, 2**62)
