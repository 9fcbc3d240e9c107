import Dispatch
import Testing
@testable import MiniPy

/// Runs share kept threads (`RunThread`): each still gets the whole stack, its own interpreter, and runs beside
/// another without waiting for it.
@Suite struct MiniPyRunThreadTests {
    @Test func deepRecursionIsARecursionErrorRunAfterRun() {
        for _ in 0..<3 {
            let r = MiniPy.run("def f(n):\n    return f(n + 1)\nf(0)\n")
            #expect(r.errorLine == "RecursionError: maximum recursion depth exceeded")
            #expect(MiniPy.run("print(sum(range(10)))").stdout == "45\n")
        }
    }

    @Test func aRunSeesNothingOfTheRunBefore() {
        #expect(MiniPy.run("secret = 42").error == nil)
        #expect(MiniPy.run("print(secret)").errorLine == "NameError: name 'secret' is not defined")
    }

    /// Dict keys with a user `__eq__` compare through the interpreter running on the thread.
    @Test func theThreadsInterpreterIsTheRunsOwn() {
        let source = "class K:\n    def __init__(self, v): self.v = v\n    def __hash__(self): return 1\n    def __eq__(self, o): return self.v == o.v\nd = {K(1): 'a'}\nprint(d[K(1)])\n"
        #expect(MiniPy.run(source).stdout == "a\n")
        #expect(MiniPy.run(source).stdout == "a\n")
    }

    @Test func runsBesideEachOtherEachGetTheirOwnOutput() {
        final class Results: @unchecked Sendable {
            let lock = DispatchSemaphore(value: 1)
            var out = [String](repeating: "", count: 6)
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 6) { k in
            let r = MiniPy.run("total = 0\nfor i in range(\(k * 1000)):\n    total += i\nprint(total)")
            results.lock.wait()
            results.out[k] = r.stdout
            results.lock.signal()
        }
        #expect(results.out == (0..<6).map { k in "\((0..<(k * 1000)).reduce(0, +))\n" })
    }
}
