import Testing
@testable import MiniPy

/// Messages `unroll check --with-torch` found differing from torch 2.15, each checked against
/// what real torch printed.
@Suite struct MiniPyTorchMessageTests {
    static let cases: [(code: String, error: String)] = [
        // Empty tensors (found while sweeping torch.ones(N, 0) through every reduction and reshape; torch 2.15's words).
        ("import torch\ntorch.ones(5, 0).amax(-1)", "IndexError: amax(): Expected reduction dim -1 to have non-zero size."),
        ("import torch\ntorch.ones(5, 0).amin(1)", "IndexError: amin(): Expected reduction dim 1 to have non-zero size."),
        ("import torch\ntorch.ones(5, 0).amax()",
         "RuntimeError: amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."),
        ("import torch\ntorch.ones(5, 0).view(0, -1)",
         "RuntimeError: cannot reshape tensor of 0 elements into shape [0, -1] because the unspecified dimension size -1 can be any value and is ambiguous"),
        ("import torch\ntorch.ones(0).reshape(-1, 0)",
         "RuntimeError: cannot reshape tensor of 0 elements into shape [-1, 0] because the unspecified dimension size -1 can be any value and is ambiguous"),
        ("import torch\ntorch.ones(6).view(0, -1)", "RuntimeError: shape '[0, -1]' is invalid for input of size 6"),
        ("import torch\ntorch.ones(3).diag(2**40)", "RuntimeError: Storage size calculation overflowed with sizes=[1099511627779, 1099511627779]"),
        ("import torch\nl = torch.nn.Linear(8, 10)\nl(torch.randn(1, 4, 16))",
         "RuntimeError: addmm: mat1 and mat2 shapes cannot be multiplied (4x16 and 8x10)"),
        ("import torch\nl = torch.nn.Linear(8, 10)\nl(torch.randn(16))",
         "RuntimeError: addmm: mat1 and mat2 shapes cannot be multiplied (1x16 and 8x10)"),
        ("import torch\nlstm = torch.nn.LSTM(10, 20)\nlstm(torch.randn(5, 3, 10), torch.zeros(1, 3, 20), torch.zeros(1, 3, 20))",
         "TypeError: LSTM.forward() takes from 2 to 3 positional arguments but 4 were given"),
        ("import torch\ncell = torch.nn.RNNCell(10, 20)\ncell(torch.randn(3, 10), 1, 2)",
         "TypeError: RNNCell.forward() takes from 2 to 3 positional arguments but 4 were given"),
        ("import torch\n1 + torch.zeros(2, 3).shape",
         "TypeError: unsupported operand type(s) for +: 'int' and 'torch.Size'"),
        ("import torch\ntorch.softmax(torch.randn(3))",
         "TypeError: softmax() missing 1 required positional arguments: \"dim\""),
        // Lesson 8's try-pad-sequence and try-pack-lengths claim these (torch 2.15's words).
        ("import torch\nfrom torch.nn.utils.rnn import pad_sequence\npad_sequence([torch.tensor([1, 2])], batch_first=3)",
         "TypeError: pad_sequence(): argument 'batch_first' (position 2) must be bool, not int"),
        ("import torch\nfrom torch.nn.utils.rnn import pad_sequence\npad_sequence([torch.tensor([1, 2])], batch_first=None)",
         "TypeError: pad_sequence(): argument 'batch_first' (position 2) must be bool, not NoneType"),
        ("import torch\nfrom torch.nn.utils.rnn import pack_padded_sequence\npack_padded_sequence(torch.randn(3, 3, 4), 3, batch_first=True)",
         "RuntimeError: 'lengths' argument should be a 1D CPU int64 tensor, but got 0D cpu Long tensor"),
    ]

    @Test(arguments: cases.indices)
    func errorLineMatchesTorch(_ i: Int) {
        let r = MiniPy.run(Self.cases[i].code + "\n", file: "snippet.py")
        #expect(r.errorLine == Self.cases[i].error)
    }

    @Test func softmaxSumsToOneAlongTheDimension() {
        let r = MiniPy.run("import torch\nx = torch.tensor([[1.0, 2.0, 3.0]])\nprint(torch.softmax(x, dim=1))\n", file: "snippet.py")
        #expect(r.stdout == "tensor([[0.0900, 0.2447, 0.6652]])\n")
    }
}

extension MiniPyTorchMessageTests {
    @Test func aRecurrentCallIsRecordedWithItsLineWeightsAndInput() {
        let r = MiniPy.run("import torch\nrnn = torch.nn.GRU(4, 3, batch_first=True)\nx = torch.randn(2, 5, 4)\nout, h = rnn(x)\nrnn(x, torch.ones(1, 2, 3))\n", file: "snippet.py")
        #expect(r.error == nil)
        // The second call starts from a non-zero state, which the visualizer cannot show: not recorded.
        #expect(r.recurrentCalls.map(\.line) == [4])
        #expect(r.recurrentCalls.first?.config.batchFirst == true)
        #expect(r.recurrentCalls.first?.input.shape == [2, 5, 4])
        #expect(r.recurrentCalls.first?.stateDict.keys.sorted() == ["bias_hh_l0", "bias_ih_l0", "weight_hh_l0", "weight_ih_l0"])
    }
}

extension MiniPyTorchMessageTests {
    /// A training loop calls the RNN on one line many times: one record for that line, the last call's, with
    /// the weights the optimizer left (what Ctrl-V then unrolls).
    @Test func aLineCalledInALoopKeepsOneRecordWithTheLastWeights() {
        let code = """
            import torch
            rnn = torch.nn.RNN(2, 3)
            opt = torch.optim.SGD(rnn.parameters(), lr=0.5)
            for step in range(50):
                out, h = rnn(torch.ones(4, 2))
                opt.zero_grad()
                out.sum().backward()
                opt.step()
            w = rnn.weight_ih_l0
            """
        let r = MiniPy.run(code, file: "snippet.py")
        #expect(r.error == nil)
        #expect(r.recurrentCalls.map(\.line) == [5])
        // The record was made before the last step, so it holds the weights of the last forward pass; they
        // differ from the initial ones after 49 steps.
        let initial = MiniPy.run("import torch\nrnn = torch.nn.RNN(2, 3)\nout, h = rnn(torch.ones(4, 2))\n", file: "snippet.py")
        #expect(r.recurrentCalls.first?.stateDict["weight_ih_l0"] != initial.recurrentCalls.first?.stateDict["weight_ih_l0"])
    }
}

extension MiniPyTorchMessageTests {
    @Test func gradIsNoneAsInTorchBeforeBackward() {
        #expect(MiniPy.run("import torch\nprint(torch.zeros(2).grad)\n", file: "snippet.py").stdout == "None\n")
    }
}
