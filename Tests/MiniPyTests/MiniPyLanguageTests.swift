import Foundation
import Testing
@testable import MiniPy

/// The Python a learner writes models in: functions, closures, classes, generators, literals, and what MiniPy
/// still lacks said plainly. Expected outputs are CPython 3.11's (the differential programs in
/// Fixtures/programs/lang cover the same classes against real CPython + torch).
@Suite struct MiniPyLanguageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var code: String
        var stdout: String
        var error: String? = nil
        var testDescription: String { code.split(separator: "\n").first.map(String.init) ?? code }
    }

    static let runs: [Case] = [
        // Functions: defaults, *args/**kwargs, keyword-only, closures, global/nonlocal, recursion, lambda.
        Case(code: "def f(a, b=2, *args, k=3, **kw):\n    return a + b + sum(args) + k + len(kw)\nprint(f(1), f(1, 2, 3, 4, k=5, z=1))", stdout: "6 16\n"),
        Case(code: "def mk():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\nc = mk()\nprint(c(), c(), mk()())", stdout: "1 2 1\n"),
        Case(code: "x = 0\ndef g():\n    global x\n    x += 5\ng(); g()\nprint(x)", stdout: "10\n"),
        Case(code: "fs = [lambda: i for i in range(3)]\nprint([f() for f in fs], [(lambda i=i: i)() for i in range(3)])", stdout: "[2, 2, 2] [0, 1, 2]\n"),
        Case(code: "def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nprint(fact(20))", stdout: "2432902008176640000\n"),
        Case(code: "def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(990))", stdout: "990\n"),
        Case(code: "print(sorted([(1, 'b'), (0, 'c'), (1, 'a')], key=lambda p: p[0], reverse=True))", stdout: "[(1, 'b'), (1, 'a'), (0, 'c')]\n"),
        // Classes: attributes, inheritance, super(), dunders, properties, class/static methods.
        Case(code: "class A:\n    k = 1\n    def __init__(self, x):\n        self.x = x\n    def __repr__(self):\n        return f'A({self.x})'\nclass B(A):\n    def __init__(self, x):\n        super().__init__(x * 2)\nb = B(3)\nprint(b, b.k, isinstance(b, A), type(b).__name__, b.__dict__)", stdout: "A(6) 1 True B {'x': 6}\n"),
        Case(code: "class V:\n    def __init__(self, v):\n        self.v = v\n    def __add__(self, o):\n        return V(self.v + o.v)\n    def __eq__(self, o):\n        return self.v == o.v\n    def __len__(self):\n        return self.v\n    def __getitem__(self, i):\n        return i * 10\nprint((V(1) + V(2)).v, V(1) == V(1), len(V(4)), V(0)[3], bool(V(0)))", stdout: "3 True 4 30 False\n"),
        Case(code: "class T:\n    def __init__(self):\n        self._c = 0\n    @property\n    def c(self):\n        return self._c\n    @c.setter\n    def c(self, v):\n        self._c = v * 2\nt = T()\nt.c = 4\nprint(t.c)", stdout: "8\n"),
        Case(code: "class A:\n    pass\nprint(repr(A())[:20], A, A.__name__)", stdout: "<__main__.A object a <class '__main__.A'> A\n"),
        Case(code: "def f():\n    pass\nprint(f, (lambda: 0).__name__)", stdout: "<function f at 0x7f0000000000> <lambda>\n"),
        // Exceptions defined by the learner.
        Case(code: "class E(ValueError):\n    pass\ntry:\n    raise E('bad')\nexcept ValueError as e:\n    print(type(e).__name__, e, isinstance(e, Exception))", stdout: "E bad True\n"),
        Case(code: "class E(Exception):\n    pass\nraise E('boom')", stdout: "", error: "E: boom"),
        // Generators: lazy, infinite, send, yield from; generator expressions are lazy.
        Case(code: "def g():\n    print('a')\n    yield 1\n    print('b')\n    yield 2\nfor x in g():\n    print(x)", stdout: "a\n1\nb\n2\n"),
        Case(code: "def nat():\n    n = 0\n    while True:\n        yield n\n        n += 1\nfor n in nat():\n    if n > 3:\n        break\nprint(n, next(x * x for x in nat() if x > 2))", stdout: "4 9\n"),
        Case(code: "def inner():\n    yield 1\n    return 'r'\ndef outer():\n    r = yield from inner()\n    yield r\nprint(list(outer()))", stdout: "[1, 'r']\n"),
        // Literals: numbers, strings, bytes, sets, Ellipsis, bit operators, f-strings.
        Case(code: "print(0x1F, 0o17, 0b101, 1_000, 1e1_0, .5, 5 ^ 3, 5 | 3, 5 & 3, ~5, 1 << 10, -7 >> 1, ...)", stdout: "31 15 5 1000 10000000000.0 0.5 6 7 1 -6 1024 -4 Ellipsis\n"),
        Case(code: "print('\\x41\\u00e9\\N{GREEK SMALL LETTER ALPHA}\\101', r'\\n', len('''a\nb'''), 'a\\\nb')", stdout: "AéαA \\n 3 ab\n"),
        Case(code: "print(b'ab' + b'\\x00', len(b'abc'), b'ab'[0], type(b'x').__name__)", stdout: "b'ab\\x00' 3 97 bytes\n"),
        Case(code: "s = {3, 1, 2}\ns.add(10)\nprint(s, {1, 2} | {5}, {1, 2} & {2}, set(), len(s))", stdout: "{10, 1, 2, 3} {1, 2, 5} {2} set() 4\n"),
        Case(code: "x = 3.14159\nprint(f'{x:.2f}|{42:>5}|{42:05d}|{x=:.1f}|{\"s\"!r}|{1234567:,}|{0.5:%}')", stdout: "3.14|   42|00042|x=3.1|'s'|1,234,567|50.000000%\n"),
        // Built-ins a learner reaches for.
        Case(code: "print(all([1, 2]), any([]), divmod(-7, 2), round(12345, -2), round(2.5), abs(-3), list(map(str, [1, 2])), list(filter(None, [0, 1])))", stdout: "True False (-4, 1) 12300 2 3 ['1', '2'] [1]\n"),
        Case(code: "print('ab'.center(6, '*'), 'x'.ljust(3, '-'), '7'.zfill(3), 'hello world'.title(), 'a,b'.partition(','), 'a b c'.split(None, 1))", stdout: "**ab** x-- 007 Hello World ('a', ',', 'b') ['a', 'b c']\n"),
        Case(code: "print(list(zip([1, 2], 'ab')), list(enumerate('ab', start=1)), list(reversed([1, 2])), sum([1, 2], 10), min([3, 1], key=lambda v: -v))", stdout: "[(1, 'a'), (2, 'b')] [(1, 'a'), (2, 'b')] [2, 1] 13 3\n"),
        Case(code: "x = [1, 2, 3, 4]\ndel x[0], x[-1]\nd = {'a': 1}\ndel d['a']\ny = 1\ndel y\nprint(x, d, 'y' in dir() if False else 0)", stdout: "[2, 3] {} 0\n"),
        Case(code: "a = [1]\nb = a\na += [2]\nprint(b)", stdout: "[1, 2]\n"),
        Case(code: "import random\nrandom.seed(42)\nprint(random.random(), random.randint(1, 6))", stdout: "0.6394267984578837 1\n"),
    ]

    @Test(arguments: runs)
    func runsAsCPython(_ c: Case) {
        let r = MiniPy.run(c.code + "\n")
        #expect(r.stdout == c.stdout)
        #expect(r.errorLine == c.error)
    }

    /// What CPython prints: every frame of a failing call chain, and 3.11's "[Previous line repeated N more times]".
    @Test func tracebacksShowEveryFrame() {
        let r = MiniPy.run("def a(n):\n    return b(n)\n\ndef b(n):\n    return 1 / n\n\nprint(a(0))\n")
        #expect(r.stderr == """
            Traceback (most recent call last):
              File "snippet.py", line 7, in <module>
                print(a(0))
              File "snippet.py", line 2, in a
                return b(n)
              File "snippet.py", line 5, in b
                return 1 / n
            ZeroDivisionError: division by zero

            """)
        #expect(r.error?.line == 7)
    }

    @Test func recursionPastTheLimitIsFoldedAsCPythonPrintsIt() {
        let r = MiniPy.run("def f(n):\n    return f(n + 1)\nf(0)\n")
        #expect(r.stderr == """
            Traceback (most recent call last):
              File "snippet.py", line 3, in <module>
                f(0)
              File "snippet.py", line 2, in f
                return f(n + 1)
              File "snippet.py", line 2, in f
                return f(n + 1)
              File "snippet.py", line 2, in f
                return f(n + 1)
              [Previous line repeated 996 more times]
            RecursionError: maximum recursion depth exceeded

            """)
    }

    @Test func aComprehensionIsAFrameOfItsOwn() {
        let r = MiniPy.run("xs = [1, 0]\nys = [1 / x for x in xs]\n")
        #expect(r.stderr.contains("  File \"snippet.py\", line 2, in <listcomp>\n"))
        #expect(r.errorLine == "ZeroDivisionError: division by zero")
    }

    /// Python's scoping rules, with 3.11's messages.
    @Test(arguments: [
        ("x = 1\ndef f():\n    print(x)\n    x = 2\nf()", "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value"),
        ("def f():\n    def g():\n        return z\n    g()\n    z = 1\nf()", "NameError: cannot access free variable 'z' where it is not associated with a value in enclosing scope"),
        ("def f(a, b=1):\n    pass\nf(1, 2, 3)", "TypeError: f() takes from 1 to 2 positional arguments but 3 were given"),
        ("def f(*, k):\n    pass\nf()", "TypeError: f() missing 1 required keyword-only argument: 'k'"),
        ("class A:\n    def m(self, x):\n        pass\nA().m()", "TypeError: A.m() missing 1 required positional argument: 'x'"),
        ("class A:\n    pass\nA(1)", "TypeError: A() takes no arguments"),
        ("class A:\n    pass\nA().x", "AttributeError: 'A' object has no attribute 'x'"),
        ("return 1", "SyntaxError: 'return' outside function"),
        ("def f(a=1, b):\n    pass", "SyntaxError: non-default argument follows default argument"),
        ("def f(a, a):\n    pass", "SyntaxError: duplicate argument 'a' in function definition"),
        ("nonlocal x", "SyntaxError: nonlocal declaration not allowed at module level"),
    ])
    func scopeAndCallErrors(_ code: String, _ error: String) {
        #expect(MiniPy.run(code + "\n").errorLine == error)
    }

    /// What MiniPy lacks is one NotImplementedError naming it, never an error CPython would not raise.
    @Test(arguments: [
        ("print(2 ** 100)", "integers beyond 64 bits"),
        ("x = 1j", "complex numbers"),
        ("import os", "the 'os' module"),
        ("import numpy as np", "the 'numpy' module"),   // installed beside torch: no ModuleNotFoundError there
        ("import math\nmath.frexp(1.0)", "math.frexp"),
        ("from itertools import groupby", "itertools.groupby"),
        ("import io\nio.StringIO()", "io.StringIO"),
        ("print((10).to_bytes(2, 'big'))", "int.to_bytes"),
        ("print(float.fromhex('0x1p0'))", "float.fromhex"),
        ("class L(list):\n    pass", "subclassing list"),
        ("match 1:\n    case 1:\n        pass", "the match statement"),
        ("async def f():\n    pass", "async functions"),
        ("print(eval('1'))", "eval()"),
        ("class B:\n    pass\nclass C:\n    pass\nclass A(B, C):\n    pass", "multiple inheritance"),
    ])
    func lackingIsNamed(_ code: String, _ feature: String) {
        #expect(MiniPy.run(code + "\n").errorLine == "NotImplementedError: MiniPy does not support \(feature) yet")
    }

    /// Literal errors in CPython's words.
    @Test(arguments: [
        ("x = 0x", "SyntaxError: invalid hexadecimal literal"),
        ("x = 0b2", "SyntaxError: invalid digit '2' in binary literal"),
        ("x = 1__0", "SyntaxError: invalid decimal literal"),
        ("x = '''abc\ny = 2", "SyntaxError: unterminated triple-quoted string literal (detected at line 2)"),
        ("x = b'é'", "SyntaxError: bytes can only contain ASCII literal characters"),
        ("x = f'{}'", "SyntaxError: f-string: empty expression not allowed"),
        ("x = f'}'", "SyntaxError: f-string: single '}' is not allowed"),
    ])
    func literalErrors(_ code: String, _ error: String) {
        #expect(MiniPy.run(code + "\n").errorLine == error)
    }

    /// A generator left suspended is closed when the run ends: no thread outlives it, and a later run works.
    @Test func suspendedGeneratorsAreClosed() {
        for _ in 0..<50 {
            let r = MiniPy.run("def g():\n    while True:\n        yield 1\nxs = [g() for _ in range(5)]\nprint([next(x) for x in xs])\n")
            #expect(r.stdout == "[1, 1, 1, 1, 1]\n")
        }
    }
}
