import Foundation
import Testing
@testable import MiniPy

/// Issue 14's interpreter traps, from the hostile-input campaign and their classes: every one ends in a Python-style
/// error (CPython's message where it has one), within the limits, never a crash.
@Suite struct MiniPyRobustnessTests {
    /// Conversions of edge values.
    @Test(arguments: [
        ("print(round(float('nan')))", "ValueError: cannot convert float NaN to integer"),
        ("print(round(float('inf')))", "OverflowError: cannot convert float infinity to integer"),
        ("print(int(float('-inf')))", "OverflowError: cannot convert float infinity to integer"),
        ("print('%d' % float('nan'))", "ValueError: cannot convert float NaN to integer"),
        ("print('%d' % float('inf'))", "OverflowError: cannot convert float infinity to integer"),
        ("print(round(1e300))", "NotImplementedError: MiniPy does not support integers beyond 64 bits yet"),
        ("print(abs(-2**63))", "NotImplementedError: MiniPy does not support integers beyond 64 bits yet"),
        ("print(-(-9223372036854775807 - 1))", "NotImplementedError: MiniPy does not support integers beyond 64 bits yet"),
        ("print((-9223372036854775807 - 1) // -1)", "NotImplementedError: MiniPy does not support integers beyond 64 bits yet"),
        ("print(1 << 64)", "NotImplementedError: MiniPy does not support integers beyond 64 bits yet"),
        ("print(1 << -1)", "ValueError: negative shift count"),
        ("print(10.0 ** 400)", "OverflowError: (34, 'Numerical result out of range')"),
        ("import math\nprint(math.exp(1000))", "OverflowError: math range error"),
        ("import math\nprint(math.factorial(30))", "NotImplementedError: MiniPy does not support integers beyond 64 bits yet"),
        ("print(int('9' * 30))", "NotImplementedError: MiniPy does not support integers beyond 64 bits yet"),
        ("print(chr(0x110000))", "ValueError: chr() arg not in range(0x110000)"),
        ("print(range(10)[2**62])", "IndexError: range object index out of range"),
    ])
    func edgeValues(_ code: String, _ error: String) {
        #expect(MiniPy.run(code + "\n").errorLine == error)
    }

    @Test func edgeValuesThatWork() {
        let r = MiniPy.run("print(round(12345, -2), round(-2.5), round(1e300, 2) == 1e300, 2**62, -2**62 * 2, 9223372036854775807 >> 70)\n")
        #expect(r.stdout == "12300 -2 True 4611686018427387904 -9223372036854775808 0\n")
    }

    /// Deep syntax: CPython's parser and compiler limits, with their errors.
    @Test func deepSyntax() {
        #expect(MiniPy.run("x = " + String(repeating: "1**", count: 10_000) + "1\n").errorLine == "MemoryError")
        #expect(MiniPy.run("x = 1" + String(repeating: " + 1", count: 100_000) + "\n").errorLine
                == "RecursionError: maximum recursion depth exceeded during compilation")
        #expect(MiniPy.run("x = 1" + String(repeating: " + 1", count: 2_900) + "\nprint(x)\n").stdout == "2901\n")
        let ifs = (0..<2000).map { String(repeating: "    ", count: $0) + "if True:\n" }.joined() + String(repeating: "    ", count: 2000) + "pass\n"
        #expect(MiniPy.run(ifs).errorLine == "IndentationError: too many levels of indentation")
        #expect(MiniPy.run("def f():\n    x = 1" + String(repeating: " + 1", count: 100_000) + "\n").errorLine
                == "RecursionError: maximum recursion depth exceeded during compilation")
    }

    /// Python's 1,000 frames fit in the run's stack; deeper recursion through any path is RecursionError.
    @Test func recursionDepth() {
        #expect(MiniPy.run("def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(997))\n").stdout == "997\n")
        #expect(MiniPy.run("class A:\n    def __repr__(self):\n        return repr(self)\nprint(A())\n").errorLine
                == "RecursionError: maximum recursion depth exceeded")
        #expect(MiniPy.run("class A:\n    def __getattr__(self, n):\n        return self.x\nA().y\n").error?.type == "RecursionError")
        let mutual = "def a(n):\n    return b(n)\ndef b(n):\n    return a(n)\ntry:\n    a(0)\nexcept RecursionError as e:\n    print('caught', e)\n"
        #expect(MiniPy.run(mutual).stdout == "caught maximum recursion depth exceeded\n")
    }

    /// The memory budget: what would pass it is refused before it is allocated.
    @Test(arguments: [
        "x = [[0] * 9999999 for i in range(200)]",
        "s = 'ab'\nprint(len(''.join([s] * 9999999)))",
        "print(len('%.999999999f' % 1.0))",
        "x = []\nwhile True:\n    x.append([0] * 100000)",
        "d = {}\nfor i in range(100000000):\n    d[i] = [i] * 100",
        "s = 'x'\nwhile True:\n    s = s + s",
        "print(len(f'{1.0:.999999999f}'))",
    ])
    func memoryBombs(_ code: String) {
        // A 32 MB budget: the meter reads the whole process's heap, and tests run side by side in one
        // process, so a bomb growing to the default 256 MB could push a neighbour's run past its budget.
        let r = MiniPy.run(code + "\n", limits: Limits(maxSteps: 100_000_000, wallTime: 60, maxMemory: 32 << 20))
        #expect(r.error?.type == "MemoryError", "\(r.errorLine ?? "ran")")
        #expect(r.error?.isLimit == true)
    }

    @Test func aSmallerBudgetIsHonoured() {
        let r = MiniPy.run("x = [0] * 3000000\n", limits: Limits(maxMemory: 32 << 20))
        #expect(r.errorLine == "MemoryError: the snippet needs more than 32 MB (MiniPy's limit)")
        #expect(MiniPy.run("x = [0] * 3000000\nprint(len(x))\n").stdout == "3000000\n")
    }

    /// One long operation cannot outlast the wall-time limit: built-ins read the clock as they loop. (Each would
    /// finish, given time: the error shows the clock stopped it.)
    @Test(arguments: [
        "print(sum(range(10**12)))",
        "print(sorted(range(9000000, 0, -1))[0])",
        "print(all(x >= 0 for x in range(10**12)))",
        "print(max(range(10**12)))",
        "print(len(set(range(9000000))))",
    ])
    func longOperationsStopAtTheClock(_ code: String) {
        let r = MiniPy.run(code + "\n", limits: Limits(maxSteps: Int.max, wallTime: 0.5))
        #expect(r.error?.type == "TimeoutError", "\(r.errorLine ?? "ran")")
    }

    /// Searching a long string is linear (it took 155 s): the run finishes well inside the default limit.
    @Test func longStringSearch() {
        let r = MiniPy.run("s = 'a' * 300000\nprint(s.find('a' * 1000 + 'b'), s.count('aa'), len(s.replace('a', 'bb')), len(s.split('b')))\n")
        #expect(r.stdout == "-1 150000 600000 1\n")
    }

    /// A limit hit inside a generator's body, or while generators are suspended, ends the run cleanly.
    @Test func limitsInsideGenerators() {
        let r = MiniPy.run("def g():\n    while True:\n        yield [0] * 1000000\nxs = [x for x in g()]\n",
                           limits: Limits(maxSteps: Int.max, wallTime: 30, maxMemory: 32 << 20))
        #expect(r.error?.type == "MemoryError" || r.error?.type == "TimeoutError")
    }
}
