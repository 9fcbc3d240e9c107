import Foundation
import Testing
@testable import MiniPy

/// Every limit ends a run with a clear error: never a hang, never a crash.
@Suite struct MiniPyLimitTests {
    @Test func tensorSize() {
        let r = MiniPy.run("import torch\nx = torch.zeros(10000, 10000)\n")
        #expect(r.error?.type == "MemoryError")
        #expect(r.errorLine == "MemoryError: 100000000 elements is more than MiniPy's limit of 10000000 in one tensor or list")
        #expect(r.error?.line == 2)
    }

    /// An empty tensor whose other dimensions are huge: torch makes it at once, but operations on it walk those
    /// dimensions (a reduction over the empty one makes them its result); MiniPy refuses it as it refuses the tensor it
    /// would be without the zero, instead of minutes of work or an allocation that kills the worker (found by the
    /// minipy-gen fuzzer: softmax of torch.ones(2**31, 0)). Products and diagonals whose result alone is too large
    /// (k = 0 needs no work) are refused before anything is allocated.
    @Test func emptyTensorsWithHugeDimensionsAndResultsLargerThanTheirWork() {
        let refused = [
            ("torch.ones(2**31, 0).softmax(-1)", "a tensor of size [2147483648, 0] is empty, but its other dimensions span more than MiniPy's limit of 10000000 elements"),
            ("torch.zeros(0, 2**31).T.contiguous()", "a tensor of size [0, 2147483648] is empty, but its other dimensions span more than MiniPy's limit of 10000000 elements"),
            ("torch.empty(2**16, 2**16, 0).sum(-1)", "a tensor of size [65536, 65536, 0] is empty, but its other dimensions span more than MiniPy's limit of 10000000 elements"),
            ("torch.ones(0).reshape(0, 2**31).sum(0)", "a tensor of size [0, 2147483648] is empty, but its other dimensions span more than MiniPy's limit of 10000000 elements"),
            ("torch.ones(0, 1).expand(0, 2**31).T.contiguous()", "a tensor of size [0, 2147483648] is empty, but its other dimensions span more than MiniPy's limit of 10000000 elements"),
            ("torch.ones(2).new_zeros(2**31, 0)", "a tensor of size [2147483648, 0] is empty, but its other dimensions span more than MiniPy's limit of 10000000 elements"),
            ("torch.nn.functional.pad(torch.ones(0, 1), (0, 2**31))", "a tensor of size [0, 2147483649] is empty, but its other dimensions span more than MiniPy's limit of 10000000 elements"),
            ("torch.ones(40000, 0) @ torch.ones(0, 40000)", "1600000000 elements is more than MiniPy's limit of 10000000 in one tensor or list"),
            ("torch.bmm(torch.ones(4, 4000, 0), torch.ones(4, 0, 4000))", "64000000 elements is more than MiniPy's limit of 10000000 in one tensor or list"),
            ("torch.ones(40000).diag()", "1600000000 elements is more than MiniPy's limit of 10000000 in one tensor or list"),
            // torch's own message, word for word.
            ("torch.ones(3).diag(2**40)", "Storage size calculation overflowed with sizes=[1099511627779, 1099511627779]"),
        ]
        for (expression, message) in refused {
            let r = MiniPy.run("import torch\ny = \(expression)\nprint(y.shape)\n")
            #expect(r.errorLine?.hasSuffix(message) == true, "\(expression): \(r.errorLine ?? r.stdout)")
            #expect(r.error?.line == 2, "\(expression)")
        }
        // What stays within the limits still works as in torch.
        let r = MiniPy.run("import torch\nprint(torch.ones(3, 0, 4).sum(1).shape, torch.ones(5, 0).softmax(-1).shape, (torch.ones(30, 0) @ torch.ones(0, 20)).sum())\n")
        #expect(r.stdout == "torch.Size([3, 4]) torch.Size([5, 0]) tensor(0.)\n")
    }

    @Test func moduleParameters() {
        let r = MiniPy.run("import torch\nrnn = torch.nn.LSTM(100000, 100000)\n")
        #expect(r.error?.type == "MemoryError")
    }

    @Test func listSize() {
        #expect(MiniPy.run("x = [0] * 100000000\n").error?.type == "MemoryError")
        #expect(MiniPy.run("x = 'ab' * 100000000\n").error?.type == "MemoryError")
        // It grows until refused; a small budget keeps the shared heap small for tests running beside it.
        #expect(MiniPy.run("x = list(range(100000000))\n", limits: Limits(maxMemory: 32 << 20)).error?.type == "MemoryError")
    }

    @Test func loopSteps() {
        let r = MiniPy.run("n = 0\nwhile True:\n    n += 1\n", limits: Limits(maxSteps: 20_000, wallTime: 60))
        #expect(r.error?.type == "TimeoutError")
        #expect(r.errorLine == "TimeoutError: the snippet ran more than 20000 steps (MiniPy's limit); is a loop too long?")
    }

    @Test func wallTime() {
        // Many small forward passes: each is cheap, together they outlast the limit.
        let r = MiniPy.run("import torch\nrnn = torch.nn.RNN(8, 8)\nx = torch.randn(50, 1, 8)\nfor i in range(100000):\n    out, h = rnn(x)\n",
                           limits: Limits(wallTime: 0.3))
        #expect(r.errorLine == "TimeoutError: the snippet ran longer than 0.3 seconds (MiniPy's limit)")
        #expect(r.error?.line == 5)
    }

    @Test func oneHugeForwardPassIsRefusedBeforeItStarts() {
        let r = MiniPy.run("import torch\nrnn = torch.nn.LSTM(1000, 1000)\nx = torch.zeros(200, 1, 1000)\nout, h = rnn(x)\n")
        #expect(r.error?.type == "TimeoutError")
        #expect(r.errorLine?.contains("multiply-adds, more than MiniPy's limit") == true)
        #expect(r.error?.line == 4)
    }

    @Test func nestingDepth() {
        let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        #expect(MiniPy.run("x = \(deep)\n").errorLine == "SyntaxError: too many nested parentheses")
        let unary = "x = " + String(repeating: "-", count: 5000) + "1\n"
        #expect(MiniPy.run(unary).errorLine == "RecursionError: maximum recursion depth exceeded during compilation")
        let nots = "x = " + String(repeating: "not ", count: 5000) + "1\n"
        #expect(MiniPy.run(nots).error?.type == "RecursionError")
    }

    @Test func integerOverflowIsAnErrorNotACrash() {
        #expect(MiniPy.run("x = 2 ** 200\n").errorLine == "NotImplementedError: MiniPy does not support integers beyond 64 bits yet")
        #expect(MiniPy.run("x = 9223372036854775807 + 1\n").error?.type == "NotImplementedError")
    }

    @Test func outputSize() {
        let r = MiniPy.run("for i in range(200000):\n    print('xxxxxxxxxx')\n")
        #expect(r.error?.type == "MemoryError")
    }
    /// A learner's `try` cannot swallow a limit: neither `except Exception`, a bare `except`, nor the
    /// limit's own type catches it, and `finally` does not run after it.
    @Test func limitsAreNotCatchable() {
        let loop = "try:\n    while True:\n        pass\nexcept Exception:\n    print('swallowed')\n"
        let r = MiniPy.run(loop, limits: Limits(maxSteps: 5_000, wallTime: 60))
        #expect(r.errorLine == "TimeoutError: the snippet ran more than 5000 steps (MiniPy's limit); is a loop too long?")
        #expect(r.stdout == "")
        #expect(r.error?.line == 2)
        let bare = "for i in range(3):\n    try:\n        x = [0] * 100000000\n    except MemoryError:\n        print('no')\n    except:\n        print('no')\n    finally:\n        print('no')\n"
        let m = MiniPy.run(bare)
        #expect(m.error?.type == "MemoryError")
        #expect(m.error?.isLimit == true)
        #expect(m.stdout == "")
        let time = MiniPy.run("import torch\nrnn = torch.nn.RNN(8, 8)\nx = torch.randn(50, 1, 8)\nfor i in range(100000):\n    try:\n        out, h = rnn(x)\n    except TimeoutError:\n        print('no')\n",
                              limits: Limits(wallTime: 0.3))
        #expect(time.errorLine == "TimeoutError: the snippet ran longer than 0.3 seconds (MiniPy's limit)")
        #expect(time.stdout == "")
        // The same types raised by the snippet itself are ordinary exceptions.
        let own = MiniPy.run("try:\n    raise MemoryError('mine')\nexcept Exception as e:\n    print('caught', e)\n")
        #expect(own.stdout == "caught mine\n")
        #expect(own.error == nil)
    }
}
