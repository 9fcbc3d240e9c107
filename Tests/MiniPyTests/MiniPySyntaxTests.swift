import Testing
@testable import MiniPy

/// A context manager as torch.no_grad will be one: an object that overrides `withBlock`.
final class RecordingContext: PyObject {
    var log: [String] = []
    override var typeName: String { "recording" }
    override func withBlock(_ interp: Interpreter, _ body: (PyValue) throws(PyError) -> Void) throws(PyError) {
        log.append("enter")
        defer { log.append("exit") }
        try body(.str("bound"))
    }
}

/// The `with` statement through the hook, and exception details the fixture table does not reach.
@Suite struct MiniPySyntaxTests {
    func run(_ source: String, with context: RecordingContext) -> (String, PyError?) {
        let interp = Interpreter()
        interp.globals["cm"] = .object(context)
        do { try interp.run(source) } catch { return (interp.stdout, error) }
        return (interp.stdout, nil)
    }

    @Test func withRunsTheBodyInsideTheObject() {
        let cm = RecordingContext()
        let (out, err) = run("with cm as x:\n    print(x)\nwith cm:\n    print('plain')\nprint('after')\n", with: cm)
        #expect(err == nil)
        #expect(out == "bound\nplain\nafter\n")
        #expect(cm.log == ["enter", "exit", "enter", "exit"])
    }

    @Test func withExitsOnAnErrorAndOnBreak() {
        let cm = RecordingContext()
        let (out, err) = run("for i in range(3):\n    with cm:\n        if i == 1:\n            break\n        print(i)\nwith cm, cm as y:\n    print(y)\n    print(1 / 0)\n", with: cm)
        #expect(out == "0\nbound\n")
        #expect(err?.description == "ZeroDivisionError: division by zero")
        #expect(err?.line == 8)
        #expect(cm.log == ["enter", "exit", "enter", "exit", "enter", "enter", "exit", "exit"])
    }

    @Test func withOnAnObjectThatIsNoContextManager() {
        let r = MiniPy.run("import torch\nwith torch.nn.Linear(2, 2):\n    pass\n")
        #expect(r.errorLine == "TypeError: 'Linear' object does not support the context manager protocol")
        #expect(r.error?.line == 2)
    }

    @Test func syntaxErrorsStayParseErrors() {
        let r = MiniPy.run("try:\n    x = (1\nexcept Exception:\n    pass\n")
        #expect(r.error?.isSyntaxError == true)
        #expect(r.stdout == "")
    }

    @Test func chainedTracebackPrintsBoth() {
        let r = MiniPy.run("try:\n    [][0]\nexcept IndexError:\n    raise ValueError('v')\n")
        #expect(r.stderr == """
            Traceback (most recent call last):
              File "snippet.py", line 2, in <module>
                [][0]
            IndexError: list index out of range

            During handling of the above exception, another exception occurred:

            Traceback (most recent call last):
              File "snippet.py", line 4, in <module>
                raise ValueError('v')
            ValueError: v

            """)
    }
}
