import Testing
@testable import MiniPy

/// Containers nested far deeper than Swift's stack allows recursion over: releasing them, printing them and
/// comparing them must end in Python's behaviour (it runs, or RecursionError), never in a crash.
@Suite struct MiniPyDeepNestingTests {
    /// `make` builds one level around X: X is None at the bottom, then the previous level, 100,000 times.
    static func nested(_ make: String, then: String) -> String {
        let bottom = make.replacingOccurrences(of: "X", with: "None"), level = make.replacingOccurrences(of: "X", with: "x")
        return "x = \(bottom)\nfor i in range(100000):\n    x = \(level)\n\(then)\n"
    }

    @Test(arguments: ["[X]", "(X,)", "{'a': X}"])
    func releasingADeepContainerRuns(_ make: String) {
        let r = MiniPy.run(Self.nested(make, then: "x = None\nprint('released')"),
                           limits: Limits(wallTime: 60))
        #expect(r.error == nil)
        #expect(r.stdout == "released\n")
    }

    @Test func printingADeepListIsARecursionError() {
        let r = MiniPy.run(Self.nested("[X]", then: "print(x)"), limits: Limits(wallTime: 60))
        #expect(r.error?.description == "RecursionError: maximum recursion depth exceeded while getting the repr of an object")
        #expect(r.stdout == "")
    }

    @Test func comparingDeepListsIsARecursionError() {
        let code = "x = []\ny = []\nfor i in range(100000):\n    x = [x]\n    y = [y]\nprint(x == y)\n"
        let r = MiniPy.run(code, limits: Limits(wallTime: 60))
        #expect(r.error?.description == "RecursionError: maximum recursion depth exceeded in comparison")
    }

    @Test func shallowNestingStillPrintsAndCompares() {
        let r = MiniPy.run("x = [[[1, (2, {'a': [3]})]]]\nprint(x, x == [[[1, (2, {'a': [3]})]]])\n")
        #expect(r.stdout == "[[[1, (2, {'a': [3]})]]] True\n")
    }
}
