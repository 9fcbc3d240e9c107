import Foundation

/// A generator: a function whose body yields. Its body runs on a thread of its own, one that only ever runs while
/// the caller waits (strict hand-off through two semaphores), so the interpreter is never used by two threads at once
/// and the body keeps its place between `next()` calls, however deep inside loops, `try` or `with` it yields.
final class PyGenerator: PyIterator, @unchecked Sendable {
    enum State { case notStarted, suspended, running, finished }
    let function: FunctionObject
    let frame: Scope
    private(set) var state = State.notStarted
    private let toGenerator = DispatchSemaphore(value: 0)
    private let toCaller = DispatchSemaphore(value: 0)
    /// What crossed the hand-off: the value yielded, the value sent in, or how the body ended.
    private var yielded: PyValue?
    private var sent: PyValue = .none
    private var thrown: PyError?
    private var failure: PyError?
    private var returned: PyValue = .none
    /// The interpreter's state (scope, frames, …) of the generator while it is suspended.
    private var context: Interpreter.Context?

    init(_ function: FunctionObject, _ frame: Scope, _ interp: Interpreter) {
        self.function = function; self.frame = frame
    }

    override var typeName: String { "generator" }
    override func repr(_ interp: Interpreter) -> String { "<generator object \(function.qualname) at \(fixedAddress)>" }

    override func next(_ interp: Interpreter) throws(PyError) -> PyValue? {
        try resume(interp, send: .none, throwing: nil)
    }

    /// Runs the body to its next `yield` (or its end: nil, and `returned` holds what it returned).
    func resume(_ interp: Interpreter, send: PyValue, throwing: PyError?) throws(PyError) -> PyValue? {
        switch state {
        case .finished:
            if let throwing { throw throwing }
            return nil
        case .running: throw .valueError("generator already executing")
        case .notStarted:
            if !send.isNone && throwing == nil { throw .typeError("can't send non-None value to a just-started generator") }
            if let throwing { state = .finished; throw throwing }
        case .suspended: break
        }
        let callerContext = interp.saveContext()
        sent = send
        thrown = throwing
        yielded = nil
        if state == .notStarted {
            state = .running
            interp.liveGenerators.append(self)
            let gradEnabled = GradMode.isEnabled
            let box = UncheckedBox((self, interp))
            let thread = StackThread.start(stackSize: Interpreter.generatorStackSize) {
                ThreadState.current.stackSize = Interpreter.generatorStackSize
                GradMode.$isEnabled.withValue(gradEnabled) { box.value.0.runBody(box.value.1) }
            }
            guard let thread else {
                // Each live generator holds a thread and its stack; past what the address space allows, say so
                // rather than wait for a thread that never started.
                state = .finished
                interp.liveGenerators.removeAll { $0 === self }
                interp.restoreContext(callerContext)
                throw .limit("MemoryError", "too many generators running at once (MiniPy gives each a thread of its own)")
            }
            thread.detach()
        } else {
            state = .running
            if let context { interp.restoreContext(context) }
            toGenerator.signal()
        }
        toCaller.wait()
        if state == .running {   // it yielded
            state = .suspended
            context = interp.saveContext()
            interp.restoreContext(callerContext)
            return yielded
        }
        interp.restoreContext(callerContext)
        interp.liveGenerators.removeAll { $0 === self }
        if let failure {
            self.failure = nil
            if failure.type == "StopIteration", !failure.isLimit, failure.object?.object.cls.userClass == nil {
                throw .runtime("generator raised StopIteration")
            }
            throw failure
        }
        return nil
    }

    private func runBody(_ interp: Interpreter) {
        interp.stackLimit = Interpreter.currentStackLimit(margin: Interpreter.stackMargin)
        interp.becomeCurrent()
        interp.currentGenerator = self
        do {
            returned = try interp.runFrame(frame, name: function.def.name) { () throws(PyError) -> PyValue in
                let flow = try interp.exec(self.function.def.body)
                return flow == .returning ? interp.takeReturnValue() : .none
            }
        } catch {
            failure = error
        }
        state = .finished
        toCaller.signal()
    }

    /// Inside the body: hands `value` to the caller and waits to be resumed; gives the value sent in, or throws what
    /// `throw()`/`close()` threw in.
    func yieldValue(_ value: PyValue) throws(PyError) -> PyValue {
        yielded = value
        toCaller.signal()
        toGenerator.wait()
        if let thrown {
            self.thrown = nil
            throw thrown
        }
        return sent
    }

    /// `close()` (and the end of a run): GeneratorExit thrown in at the `yield`, so `finally` blocks run.
    func close(_ interp: Interpreter) {
        guard state == .suspended else {
            if state == .notStarted { state = .finished }
            return
        }
        // GeneratorExit derives from BaseException: `except Exception` lets it through and `finally` runs.
        let exit = PyError(type: "GeneratorExit", message: "")
        // A body that yields again while closing is thrown in at again (a few times, then left).
        for _ in 0..<8 where state == .suspended { _ = try? resume(interp, send: .none, throwing: exit) }
    }

    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "send":
            return interp.method(n) { a, _, i throws(PyError) in
                guard let v = try self.resume(i, send: a.first ?? .none, throwing: nil) else { throw self.stopIteration(i) }
                return v
            }
        case "close":
            return interp.method(n) { _, _, i throws(PyError) in self.close(i); return .none }
        case "throw":
            return interp.method(n) { a, _, i throws(PyError) in
                guard let e = a.first else { throw .typeError("throw expected at least 1 argument, got 0") }
                let err = try i.exceptionError(e, what: "exceptions must be classes or instances deriving from BaseException, not \(e.typeName)")
                guard let v = try self.resume(i, send: .none, throwing: err) else { throw self.stopIteration(i) }
                return v
            }
        case "__name__": return .str(function.name)
        case "__qualname__": return .str(function.qualname)
        default: return nil
        }
    }

    /// The StopIteration a finished generator's `next()` raises, carrying what it returned.
    func stopIteration(_ interp: Interpreter) -> PyError {
        let v = returned
        if v.isNone { return PyError(type: "StopIteration", message: "") }
        var e = PyError(type: "StopIteration", message: (try? interp.str(v)) ?? "")
        e.object = ExceptionBox(ExceptionObject(ExceptionClass.named("StopIteration"), [v]))
        return e
    }
}

extension Interpreter {
    /// The interpreter's per-frame state, saved and restored when control passes to and from a generator's thread.
    struct Context {
        var scope: Scope?
        var frameDepth: Int
        var currentLine: Int
        var callLines: [Int]
        var handling: [PyError]
        var stackLimit: UInt
        var generator: PyGenerator?
        /// A `return` waiting for its `finally` (which may resume this generator) keeps its value.
        var returnValue: PyValue
    }

    func saveContext() -> Context {
        Context(scope: scope, frameDepth: frameDepth, currentLine: currentLine, callLines: callLines, handling: handling,
                stackLimit: stackLimit, generator: currentGenerator, returnValue: returnValue)
    }

    func restoreContext(_ c: Context) {
        scope = c.scope; frameDepth = c.frameDepth; currentLine = c.currentLine; callLines = c.callLines
        handling = c.handling; stackLimit = c.stackLimit; currentGenerator = c.generator; returnValue = c.returnValue
    }

    /// Closes every generator left suspended, so no thread outlives the run.
    func closeGenerators() {
        while let g = liveGenerators.last {
            g.close(self)
            liveGenerators.removeAll { $0 === g }
        }
    }
}

/// Hands a value to a thread that MiniPy hands control to strictly in turn (never two at once).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
