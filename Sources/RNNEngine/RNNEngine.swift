// RNNEngine: tensors and PyTorch's recurrent modules. It knows nothing of the tutor.
