import Testing
@testable import MiniPy

/// What PyTorch has and MiniPy lacks is said to be MiniPy's gap, never that PyTorch has no such name.
@Suite struct MiniPyMissingNameTests {
    @Test(arguments: [
        ("x.stft(4)", "NotImplementedError: MiniPy does not support torch.Tensor.stft yet"),
        ("torch.fft(x)", "NotImplementedError: MiniPy does not support torch.fft yet"),
        ("torch.nn.Transformer()", "NotImplementedError: MiniPy does not support torch.nn.Transformer yet"),
        ("torch.optim.RMSprop([x])", "NotImplementedError: MiniPy does not support torch.optim.RMSprop yet"),
        ("print(hasattr(torch, 'cdist'))", "NotImplementedError: MiniPy does not support torch.cdist yet"),   // not False
        ("torch.nn.functional.linear(x, torch.ones(2))", "NotImplementedError: MiniPy does not support F.linear with a 1-D weight yet"),
        ("torch.optim.SGD([x.requires_grad_()], lr=0.1).state_dict()", "NotImplementedError: MiniPy does not support torch.optim.Optimizer.state_dict yet"),
        // Names PyTorch does not have keep Python's AttributeError (lessons claim it for invented APIs).
        ("torch.clip_gradients(x, 1.0)", "AttributeError: module 'torch' has no attribute 'clip_gradients'"),
        ("x.numpyy()", "AttributeError: 'Tensor' object has no attribute 'numpyy'"),
    ])
    func missingNames(_ code: String, _ error: String) {
        let r = MiniPy.run("import torch\nx = torch.zeros(2)\n\(code)\n")
        #expect(r.error?.description == error)
    }
}
