import Foundation
import RNNEngine

/// The bounds every run is held to. Each, when hit, raises a clear Python-style error; none hangs or crashes.
public struct Limits: Sendable, Equatable {
    /// Elements in one tensor (and items in one list or characters in one string).
    public var maxElements = 10_000_000
    /// Statements executed plus loop and comprehension iterations.
    public var maxSteps = 1_000_000
    /// Nesting of expressions (parser) and of evaluation.
    public var maxDepth = 150
    /// Seconds of wall time.
    public var wallTime: Double = 5
    /// Characters printed.
    public var maxOutput = 1_000_000
    /// Multiply-adds in one tensor operation (a forward pass, a matmul): engine kernels cannot be
    /// interrupted, so their cost is bounded before they start.
    public var maxOperations = 300_000_000
    /// Bytes of heap the run may add to what the process held when it began (lists, strings, dicts, tensors…).
    public var maxMemory = 256 << 20

    public init(maxElements: Int = 10_000_000, maxSteps: Int = 1_000_000, maxDepth: Int = 150, wallTime: Double = 5,
                maxOutput: Int = 1_000_000, maxOperations: Int = 300_000_000, maxMemory: Int = 256 << 20) {
        self.maxElements = maxElements; self.maxSteps = maxSteps; self.maxDepth = maxDepth
        self.wallTime = wallTime; self.maxOutput = maxOutput; self.maxOperations = maxOperations
        self.maxMemory = maxMemory
    }
    public static let standard = Limits()
}

/// How a block ended: normally, by `break`/`continue`, or by `return` (the value waits in `returnValue`).
enum Flow { case normal, breakLoop, continueLoop, returning }

/// Evaluates a parsed snippet. One interpreter runs one program (globals persist across `exec` calls,
/// so a prelude and a snippet can share names).
public final class Interpreter {
    var globals: [String: PyValue] = [:]
    deinit {
        var values = Array(globals.values)
        globals = [:]
        releaseIteratively(&values)
    }
    public internal(set) var stdout = ""
    public internal(set) var stderr = ""
    let limits: Limits
    var steps = 0
    var depth = 0
    let deadline: DispatchTime
    var rng = SplitMix64(seed: 0x5EED)
    /// `torch.set_printoptions`: how tensors print for the rest of the run.
    var printOptions = TensorFormat.Options()
    var currentLine = 0
    /// The exceptions being handled (innermost last): what a bare `raise` raises, and what a new one chains to.
    var handling: [PyError] = []
    var lineOffset = 0
    /// Every recurrent module called with zero (or no) initial state, so the playground can
    /// open the visualizer on that very module and input.
    public internal(set) var recurrentCalls: [MiniPy.RecurrentCall] = []
    /// The run depended on something that differs from run to run (see `MiniPy.Outcome.unsteady`).
    var unsteady = false
    /// Nesting of containers being repr'd, and whether it went past Python's recursion limit.
    var reprDepth = 0
    var reprOverflow = false
    /// The same for comparing nested containers.
    var equalDepth = 0
    var equalOverflow = false
    /// The running function's (or comprehension's, or class body's) names; nil at module level.
    var scope: Scope?
    /// Python frames on the stack besides the module's (the recursion limit counts them).
    var frameDepth = 0
    /// The line each running function was called from, outermost first (a recurrent call inside `forward` is also
    /// offered at the line that called the model).
    var callLines: [Int] = []
    /// What a `return` statement returned, on its way to the call.
    var returnValue: PyValue = .none
    /// An error raised inside a user `__repr__`/`__str__`, where repr cannot throw: raised by the caller that printed.
    var pendingError: PyError?
    /// Generators started and not finished: closed at the end of the run so their threads end.
    var liveGenerators: [PyGenerator] = []
    /// The generator whose body is running (its `yield` hands values to its caller).
    var currentGenerator: PyGenerator?
    /// The lowest stack address Python frames may use on this thread before RecursionError (0: unchecked).
    var stackLimit: UInt = 0
    /// The memory budget's readings.
    var memory = MemoryMeter()
    /// Calls of `pulse()` (built-ins read the clock every 256).
    var pulses = 0
    /// The `random` module's generator (CPython's Mersenne Twister), seeded from the clock until `random.seed`.
    /// Lazy: seeding fills 624 words, and most programs never use `random`.
    lazy var pyRandom = MersenneTwister(seed: UInt64(DispatchTime.now().uptimeNanoseconds))

    public init(limits: Limits = .standard) {
        self.limits = limits
        deadline = DispatchTime.now() + limits.wallTime
        globals = Builtins.all
        stackLimit = Interpreter.currentStackLimit(margin: Interpreter.stackMargin)
        memory.baseline = Interpreter.heapInUse()
        becomeCurrent()
    }

    // MARK: Limits

    func tick() throws(PyError) {
        steps += 1
        if steps > limits.maxSteps {
            throw .limit("TimeoutError", "the snippet ran more than \(limits.maxSteps) steps (MiniPy's limit); is a loop too long?")
        }
        if steps & 7 == 0 { try checkTime() }
        if steps & 4095 == 0 { try checkMemory() }
    }

    func checkTime() throws(PyError) {
        if DispatchTime.now() > deadline {
            throw .limit("TimeoutError", "the snippet ran longer than \(formatSeconds(limits.wallTime)) seconds (MiniPy's limit)")
        }
    }

    func checkElements(_ n: Int) throws(PyError) {
        if n > limits.maxElements {
            throw .limit("MemoryError", "\(n) elements is more than MiniPy's limit of \(limits.maxElements) in one tensor or list")
        }
    }

    /// `checkElements`, then the memory budget for `n` items of `size` bytes each.
    func checkElements(_ n: Int, size: Int) throws(PyError) {
        try checkElements(n)
        try charge(bytes: n.multipliedReportingOverflow(by: size).overflow ? Int.max : n * size)
    }

    /// Bounds the work of one uninterruptible tensor operation (`ops` multiply-adds, saturating).
    func checkOperations(_ ops: Double) throws(PyError) {
        try checkTime()
        if ops > Double(limits.maxOperations) {
            throw .limit("TimeoutError",
                         "this operation needs about \(Int(min(ops, 9e18))) multiply-adds, more than MiniPy's limit of \(limits.maxOperations)")
        }
    }

    func write(_ s: String) throws(PyError) {
        stdout += s
        if stdout.utf8.count > limits.maxOutput {
            throw .limit("MemoryError", "the snippet printed more than \(limits.maxOutput) characters (MiniPy's limit)")
        }
    }

    // MARK: Statements

    func exec(_ body: [Stmt]) throws(PyError) -> Flow {
        for s in body {
            let f = try exec(s)
            if f != .normal { return f }
        }
        return .normal
    }

    func exec(_ s: Stmt) throws(PyError) -> Flow {
        currentLine = s.pos.line
        try tick()
        do {
            return try execInner(s)
        } catch var e {
            if e.line == 0 { e.line = s.pos.line }
            throw e
        }
    }

    private func execInner(_ s: Stmt) throws(PyError) -> Flow {
        switch s {
        case .expr(let e, _):
            let v = try eval(e)
            // `x.add_(1)`, `w.requires_grad_()`: in place in torch; the target is bound again when the operation
            // made a new autograd record (Torch's in-place rules: TensorOps+InPlace.swift).
            if case .call(.attribute(let target, let name, _), _, _, _) = e, name.hasSuffix("_") { rebindAfterInPlace(target, v) }
        case .assign(let targets, let valueExpr, _):
            let v = try eval(valueExpr)
            for t in targets { try assign(t, v) }
        case .augAssign(let target, let op, let valueExpr, _):
            let cur = try eval(target)
            let operand = try eval(valueExpr)
            if case .tensor(let t) = cur {
                // In place, as torch's `x += y` (Torch+Arithmetic.swift): the target is bound again only when the
                // operation made a new autograd record.
                let r = try tensorInPlace(op, t, operand)
                if !r.sameRecord(as: t) { try assign(target, .tensor(r)) }
                break
            }
            try assign(target, try inPlace(op, cur, operand))
        case .importModule(let name, let alias, _):
            guard let module = Modules.module(name) else { throw moduleNotFound(name) }
            if let alias {
                store(alias, module)
            } else {
                let top = String(name.split(separator: ".")[0])
                store(top, Modules.module(top)!)
            }
        case .fromImport(let name, let names, _):
            guard let module = Modules.module(name), case .object(let ns) = module else { throw moduleNotFound(name) }
            for (n, alias) in names {
                if n == "*" {
                    if let nsp = ns as? Namespace { for (k, v) in nsp.attributes where !k.hasPrefix("_") { store(k, v) } }
                    continue
                }
                guard let v = try ns.getAttribute(n, self) ?? Modules.module(name + "." + n) else {
                    // A name the real module has: MiniPy lacks it, and says so.
                    if let nsp = ns as? Namespace, case let e = missingNamespaceAttribute(nsp, n), e.type == "NotImplementedError" { throw e }
                    throw PyError(type: "ImportError", message: "cannot import name '\(n)' from '\(name)' (MiniPy knows only part of \(name))")
                }
                store(alias ?? n, v)
            }
        case .forLoop(let target, let iterExpr, let body, let orelse, _):
            let seq = try eval(iterExpr)
            var broke = false
            var result = Flow.normal
            try forEach(seq) { (item: PyValue) throws(PyError) -> Bool in
                try self.tick()
                try self.assign(target, item)
                let f = try self.exec(body)
                if f == .breakLoop { broke = true; return false }
                if f == .returning { result = .returning; return false }
                return true
            }
            if result == .returning { return .returning }
            if !broke { return try exec(orelse) }
        case .whileLoop(let cond, let body, let orelse, _):
            var broke = false
            while try truth(try eval(cond)) {
                try tick()
                let f = try exec(body)
                if f == .breakLoop { broke = true; break }
                if f == .returning { return .returning }
            }
            if !broke { return try exec(orelse) }
        case .ifStmt(let cond, let body, let orelse, _):
            return try truth(try eval(cond)) ? try exec(body) : try exec(orelse)
        case .pass: break
        case .breakStmt: return .breakLoop
        case .continueStmt: return .continueLoop
        case .assert(let test, let msg, _):
            if try !truth(try eval(test)) {
                guard let msg else { throw PyError(type: "AssertionError", message: "") }
                let v = try eval(msg)
                var e = PyError(type: "AssertionError", message: try str(v))
                e.object = ExceptionBox(ExceptionObject(ExceptionClass.named("AssertionError"), [v]))
                throw e
            }
        case .tryStmt(let body, let handlers, let orelse, let final, _):
            return try execTry(body, handlers, orelse, final)
        case .raise(let exc, let cause, _):
            throw try raiseError(exc, cause)
        case .with(let items, let body, _):
            return try execWith(items[...], body)
        case .functionDef(let def):
            var value = PyValue.object(try makeFunction(def))
            for d in def.decorators.reversed() { value = try call(try eval(d), [value], []) }
            store(def.name, value)
        case .classDef(let def):
            store(def.name, try defineClass(def))
        case .returnStmt(let e, _):
            returnValue = try e.map { x throws(PyError) in try eval(x) } ?? .none
            return .returning
        case .delete(let targets, _):
            for t in targets { try delete(t) }
        case .global, .nonlocal, .annotated:
            break
        }
        return .normal
    }

    func moduleNotFound(_ name: String) -> PyError {
        if let honest = Modules.missingModuleError(name) { return honest }   // a torch submodule MiniPy lacks (Torch.swift)
        let top = String(name.split(separator: ".")[0])
        if PythonModules.standardLibrary.contains(top) || PythonModules.installedWithTorch.contains(top) {
            return PyError(type: "NotImplementedError", message: "MiniPy does not support the '\(name)' module yet")
        }
        return PyError(type: "ModuleNotFoundError", message: "No module named '\(name)'")
    }

    func assign(_ target: Expr, _ value: PyValue) throws(PyError) {
        switch target {
        case .name(let n, _):
            // The old value is released in a loop: a tuple nested 200,000 deep (`x = (x,)`) would recurse.
            store(n, value)
        case .tuple(let targets, _), .list(let targets, _):
            let items: [PyValue]
            do { items = try iterate(value) } catch {
                if error.type == "TypeError", error.message.hasSuffix("object is not iterable") {
                    throw .typeError("cannot unpack non-iterable \(value.typeName) object")
                }
                throw error
            }
            if let star = targets.firstIndex(where: { if case .starred = $0 { return true }; return false }) {
                let before = star, after = targets.count - star - 1
                guard items.count >= before + after else {
                    throw .valueError("not enough values to unpack (expected at least \(before + after), got \(items.count))")
                }
                for k in 0..<before { try assign(targets[k], items[k]) }
                if case .starred(let inner, _) = targets[star] {
                    try assign(inner, .list(PyList(Array(items[before..<(items.count - after)]))))
                }
                for k in 0..<after { try assign(targets[star + 1 + k], items[items.count - after + k]) }
                return
            }
            if items.count > targets.count {
                throw .valueError("too many values to unpack (expected \(targets.count))")
            }
            if items.count < targets.count {
                throw .valueError("not enough values to unpack (expected \(targets.count), got \(items.count))")
            }
            for (t, v) in zip(targets, items) { try assign(t, v) }
        case .index(let objExpr, let indexExpr, _):
            let obj = try eval(objExpr)
            let index = try eval(indexExpr)
            switch obj {
            case .list(let l):
                try setListItem(l, index, value)
            case .dict(let d):
                try d.set(index, value)
            case .tuple:
                throw .typeError("'tuple' object does not support item assignment")
            case .str:
                throw .typeError("'str' object does not support item assignment")
            case .object(let set as SetObject):
                _ = set
                throw .typeError("'set' object does not support item assignment")
            case .object where try special(obj, "__setitem__") != nil:
                _ = try call(try special(obj, "__setitem__")!, [index, value], [])
            case .tensor(let t):
                // Tensors are values: the target (a name, an element, …) is bound to the changed tensor, unless
                // the leaf itself was changed (inside torch.no_grad()), which every reference already sees.
                let changed = try tensorSetItem(t, index, value)
                if changed.sameRecord(as: t) { break }
                try assign(objExpr, .tensor(changed))
            default:
                throw .typeError("'\(obj.typeName)' object does not support item assignment")
            }
        case .attribute(let objExpr, let name, _):
            let obj = try eval(objExpr)
            if case .tensor(let t) = obj, name == "grad" || name == "requires_grad" || name == "data" {
                if let changed = try setGradAttribute(t, name, value) { try assign(objExpr, .tensor(changed)) }
                return
            }
            if case .object = obj { try setAttribute(obj, name, value); return }
            if case .tensor = obj { throw tensorAttributeNotSettable(name) }
            throw .attributeError("'\(obj.typeName)' object attribute '\(name)' is read-only")
        case .starred(let inner, _):
            try assign(inner, .list(PyList(try iterate(value))))
        default:
            throw .syntax("cannot assign", line: target.pos.line, column: target.pos.column, text: "")
        }
    }

    // MARK: Expressions

    /// An error raised while evaluating `e` is placed on the line of the innermost expression that raised it, as
    /// CPython 3.11's instruction locations place it: in a statement over several lines (`total = (d['a'] +`
    /// newline `d['c'])`, a print of f-strings) the traceback names the line of the failing part.
    func eval(_ e: Expr) throws(PyError) -> PyValue {
        do {
            return try evalInner(e)
        } catch var err {
            if err.line == 0 && !err.isLimit { err.line = e.pos.line }
            throw err
        }
    }

    private func evalInner(_ e: Expr) throws(PyError) -> PyValue {
        try checkStack()
        switch e {
        case .name(let n, _):
            return try lookup(n)
        case .constant(let v, _):
            return v
        case .list(let items, _):
            return .list(PyList(try evalItems(items)))
        case .tuple(let items, _):
            return .tuple(try evalItems(items))
        case .dict(let pairs, _):
            let d = PyDict()
            for (k, v) in pairs {
                if case .starred(let m, _) = k {
                    let mapping = try eval(m)
                    guard case .dict(let src) = mapping else { throw .typeError("'\(mapping.typeName)' object is not a mapping") }
                    for (kk, vv) in zip(src.keys, src.values) { try d.set(kk, vv) }
                    continue
                }
                try d.set(try eval(k), try eval(v))
            }
            return .dict(d)
        case .listComp(let elt, let gens, _):
            var out: [PyValue] = []
            try comprehension(gens, name: "<listcomp>") { () throws(PyError) in
                out.append(try self.eval(elt))
                try self.checkElements(out.count)
            }
            return .list(PyList(out))
        case .dictComp(let k, let v, let gens, _):
            let d = PyDict()
            try comprehension(gens, name: "<dictcomp>") { () throws(PyError) in try d.set(try self.eval(k), try self.eval(v)) }
            return .dict(d)
        case .set(let items, _):
            let set = SetObject()
            if items.count > 2, items.allSatisfy({ $0.literalValue != nil }) {
                // CPython folds a display of 3+ constants into a frozenset and copies that: the order it prints.
                let folded = SetObject(frozen: true)
                for x in try evalItems(items) { try folded.add(x) }
                for x in folded.items { try set.add(x) }
                return .object(set)
            }
            for x in try evalItems(items) { try set.add(x) }
            return .object(set)
        case .setComp(let elt, let gens, _):
            let set = SetObject()
            try comprehension(gens, name: "<setcomp>") { () throws(PyError) in
                try set.add(try self.eval(elt))
                try self.checkElements(set.count)
            }
            return .object(set)
        case .genExp(let elt, let gens, _):
            return .object(try generatorExpression(elt, gens))
        case .lambda(let def, _):
            return .object(try makeFunction(def))
        case .yield(let v, _):
            let value = try v.map { x throws(PyError) in try eval(x) } ?? .none
            guard let g = currentGenerator else { throw .runtime("MiniPy: yield outside a running generator") }
            return try g.yieldValue(value)
        case .yieldFrom(let source, _):
            guard let g = currentGenerator else { throw .runtime("MiniPy: yield outside a running generator") }
            let it = try makeIterator(try eval(source))
            if let inner = it as? PyGenerator {
                var sent = PyValue.none
                while let v = try inner.resume(self, send: sent, throwing: nil) { sent = try g.yieldValue(v) }
                return inner.stopIteration(self).object.map { o in o.object.args.first ?? .none } ?? .none
            }
            while let v = try it.next(self) { _ = try g.yieldValue(v) }
            return .none
        case .fstring(let parts, _):
            return .str(try formatParts(parts))
        case .namedExpr(let n, let valueExpr, _):
            let v = try eval(valueExpr)
            storeNamed(n, v)
            return v
        case .binary(let op, let l, let r, _):
            return try binary(op, try eval(l), try eval(r))
        case .unary(let op, let operand, _):
            return try unary(op, try eval(operand))
        case .boolOp(let op, let l, let r, _):
            let lv = try eval(l)
            let t = try truth(lv)
            if op == "and" { return t ? try eval(r) : lv }
            return t ? lv : try eval(r)
        case .compare(let first, let rest, _):
            var left = try eval(first)
            for (op, rexpr) in rest {
                let right = try eval(rexpr)
                let r = try compare(op, left, right)
                if rest.count == 1 { return r }
                if try !truth(r) { return r }
                left = right
            }
            return .bool(true)
        case .call(let fnExpr, let argExprs, let kwExprs, _):
            let fn = try eval(fnExpr)
            let (args, kwargs) = try callArguments(fn, fnExpr, argExprs, kwExprs)
            return try call(fn, args, kwargs)
        case .attribute(let objExpr, let name, _):
            return try attribute(try eval(objExpr), name)
        case .index(let objExpr, let indexExpr, _):
            return try getItem(try eval(objExpr), try eval(indexExpr))
        case .slice(let a, let b, let c, _):
            return .object(SliceObject(try a.map { x throws(PyError) in try eval(x) } ?? .none,
                                       try b.map { x throws(PyError) in try eval(x) } ?? .none,
                                       try c.map { x throws(PyError) in try eval(x) } ?? .none))
        case .ifExp(let cond, let body, let orelse, _):
            return try truth(try eval(cond)) ? try eval(body) : try eval(orelse)
        case .starred:
            throw .syntax("can't use starred expression here", line: e.pos.line, column: e.pos.column, text: "")
        }
    }

    func evalItems(_ items: [Expr]) throws(PyError) -> [PyValue] {
        var out: [PyValue] = []
        for x in items {
            if case .starred(let inner, _) = x { out += try iterate(try eval(inner)) } else { out.append(try eval(x)) }
        }
        try checkElements(out.count)
        return out
    }

    /// A comprehension runs in a scope of its own (its targets are its locals; other names are its enclosing scope's),
    /// as a frame named `<listcomp>` and so on in tracebacks. The first iterable is evaluated outside it.
    func comprehension(_ gens: [Comprehension], name: String, _ body: () throws(PyError) -> Void) throws(PyError) {
        let first = try eval(gens[0].iter)
        let locals = Set(gens.flatMap { $0.target.boundNames })
        let frame = Scope(kind: .comprehension, locals: locals, parent: scope)
        try runFrame(frame, name: name) { () throws(PyError) in
            try self.comprehension(gens, 0, first: first, body)
        }
    }

    func comprehension(_ gens: [Comprehension], _ k: Int, first: PyValue?, _ body: () throws(PyError) -> Void) throws(PyError) {
        if k == gens.count { try body(); return }
        let g = gens[k]
        let source: PyValue
        if let first { source = first } else { source = try eval(g.iter) }
        try forEach(source) { (item: PyValue) throws(PyError) -> Bool in
            try self.tick()
            try self.assign(g.target, item)
            var keep = true
            for c in g.conditions where try !self.truth(try self.eval(c)) { keep = false; break }
            if keep { try self.comprehension(gens, k + 1, first: nil, body) }
            return true
        }
    }

    func call(_ fn: PyValue, _ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) -> PyValue {
        try checkTime()
        switch fn {
        case .object(let o) where o.isCallable:
            return try o.call(args, kwargs, self)
        default:
            throw .typeError("'\(fn.typeName)' object is not callable")
        }
    }

    /// The items of an iterable, or Python's TypeError.
    func iterate(_ v: PyValue) throws(PyError) -> [PyValue] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .str(let s): return s.unicodeScalars.map { .str(String(Character($0))) }
        case .dict(let d): return d.keys
        case .range(let a, let b, let s):
            let n = rangeCount(a, b, s)
            try checkElements(n)
            return (0..<n).map { .int(a + $0 * s) }
        case .size(let s): return s.map { .int($0) }
        case .tensor(let t):
            guard t.t.dim > 0 else { throw .typeError("iteration over a 0-d tensor") }
            var out: [PyValue] = []
            for i in 0..<t.t.shape[0] { out.append(try tensorIndex(t, [.int(i)])) }
            return out
        case .object(let o):
            if let it = o as? IterableObject { return it.takeAll() }
            if let r = o as? ReturnTypesObject { return r.items }
            if let dv = o as? DictView { return dv.items }
            if let s = o as? SequenceIterator { let rest = s.remaining; s.position = Int.max / 2; return rest }
            let it = try makeIterator(v)
            var out: [PyValue] = []
            while let x = try it.next(self) {
                out.append(x)
                if out.count & 1023 == 0 { try checkElements(out.count); try checkTime() }
            }
            return out
        default:
            throw .typeError("'\(v.typeName)' object is not iterable")
        }
    }

    // MARK: Running

    /// Parses and runs `source`; names it defines stay for the next call.
    /// With `keepLast`, the value of a final expression statement is kept in `_` (as at Python's prompt).
    public func run(_ source: String, keepLast: Bool = false) throws(PyError) {
        let body = try Parser.parse(source)
        defer { closeGenerators() }
        if keepLast, case .expr(let e, let p)? = body.last {
            _ = try exec(Array(body.dropLast()))
            currentLine = p.line
            do { globals["_"] = try eval(e) } catch var err {
                if err.line == 0 { err.line = p.line }
                throw err
            }
            return
        }
        _ = try exec(body)
    }
}

extension Expr {
    var boundNames: [String] {
        switch self {
        case .name(let n, _): [n]
        case .tuple(let items, _), .list(let items, _): items.flatMap(\.boundNames)
        case .starred(let e, _): e.boundNames
        default: []
        }
    }
}

/// `slice(a, b, c)`.
final class SliceObject: PyObject {
    let start: PyValue, stop: PyValue, step: PyValue
    init(_ a: PyValue, _ b: PyValue, _ c: PyValue) { start = a; stop = b; step = c }
    override var typeName: String { "slice" }

    /// Python's `slice.indices(n)`.
    func indices(_ n: Int) throws(PyError) -> (Int, Int, Int) {
        func idx(_ v: PyValue) throws(PyError) -> Int? {
            if case .none = v { return nil }
            guard let i = v.asIndex else {
                throw .typeError("slice indices must be integers or None or have an __index__ method")
            }
            return i
        }
        let step = try idx(self.step) ?? 1
        if step == 0 { throw .valueError("slice step cannot be zero") }
        var a = try idx(start), b = try idx(stop)
        if step > 0 {
            a = a.map { $0 < 0 ? max(0, $0 + n) : min($0, n) } ?? 0
            b = b.map { $0 < 0 ? max(0, $0 + n) : min($0, n) } ?? n
        } else {
            a = a.map { $0 < 0 ? max(-1, $0 + n) : min($0, n - 1) } ?? n - 1
            b = b.map { $0 < 0 ? max(-1, $0 + n) : min($0, n - 1) } ?? -1
        }
        return (a!, b!, step)
    }

    override func repr(_ interp: Interpreter) -> String {
        "slice(\(interp.repr(start)), \(interp.repr(stop)), \(interp.repr(step)))"
    }
}

/// A one-shot iterator over items computed ahead (a module's `parameters()` generator and the like).
final class IterableObject: PyIterator {
    let name: String
    let items: [PyValue]
    var position = 0
    init(_ name: String, _ items: [PyValue]) { self.name = name; self.items = items }
    override var typeName: String { name }
    override func repr(_ interp: Interpreter) -> String { "<\(name) object at \(fixedAddress)>" }
    override func next(_ interp: Interpreter) throws(PyError) -> PyValue? {
        guard position < items.count else { return nil }
        position += 1
        return items[position - 1]
    }
    /// The items not yet taken; the iterator is exhausted after.
    func takeAll() -> [PyValue] {
        let rest = position < items.count ? Array(items[position...]) : []
        position = items.count
        return rest
    }
}

func formatSeconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }

extension Interpreter {
    static let moduleDunders = ["__annotations__", "__builtins__", "__cached__", "__doc__", "__file__", "__loader__",
                                "__name__", "__package__", "__spec__"]
    /// `dir(builtins)` of CPython 3.11, the candidates of NameError suggestions.
    static let pythonBuiltins = """
        ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError \
        BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError \
        ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception \
        ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError \
        ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError \
        KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented \
        NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError \
        RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration \
        SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError \
        UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError \
        Warning ZeroDivisionError __build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ \
        __spec__ abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile \
        complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset \
        getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max \
        memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice \
        sorted staticmethod str sum super tuple type vars zip
        """.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
}

/// CPython 3.11's "Did you mean" suggestion (traceback._compute_suggestion_error).
func suggestion(for name: String, among candidates: [String]) -> String? {
    var best: String?
    var bestDistance = Int.max
    guard name.count <= 40, candidates.count <= 750 else { return nil }
    for c in candidates where c != name {
        let maxDistance = (name.count + c.count + 3) * 2 / 6
        let d = levenshtein(name, c, max: maxDistance)
        if d <= maxDistance, d < bestDistance { best = c; bestDistance = d }
    }
    return best
}

/// traceback._levenshtein_distance: substitution 2 (1 when only case differs), insert/delete 2.
func levenshtein(_ a: String, _ b: String, max maxCost: Int) -> Int {
    if let d = asciiLevenshtein(a, b) { return d }
    let a = Array(a), b = Array(b)
    if a == b { return 0 }
    var row = (0...b.count).map { $0 * 2 }
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var prev = row[0]
        row[0] = i * 2
        for j in 1...max(b.count, 1) where !b.isEmpty {
            let sub: Int
            if a[i - 1] == b[j - 1] { sub = 0 } else if a[i - 1].lowercased() == b[j - 1].lowercased() { sub = 1 } else { sub = 2 }
            let v = Swift.min(prev + sub, row[j] + 2, row[j - 1] + 2)
            prev = row[j]
            row[j] = v
        }
    }
    return a.isEmpty ? b.count * 2 : (b.isEmpty ? a.count * 2 : row[b.count])
}

/// `levenshtein` for two ASCII strings without a carriage return (so each byte is one Character), on bytes:
/// names are nearly always ASCII, and lowercasing Characters allocated a String per comparison.
private func asciiLevenshtein(_ a: String, _ b: String) -> Int? {
    let a = Array(a.utf8), b = Array(b.utf8)
    guard !a.contains(where: { $0 >= 0x80 || $0 == 0x0D }), !b.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
    if a == b { return 0 }
    func lower(_ x: UInt8) -> UInt8 { x >= 65 && x <= 90 ? x + 32 : x }
    var row = (0...b.count).map { $0 * 2 }
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var prev = row[0]
        row[0] = i * 2
        for j in 1...max(b.count, 1) where !b.isEmpty {
            let sub = a[i - 1] == b[j - 1] ? 0 : lower(a[i - 1]) == lower(b[j - 1]) ? 1 : 2
            let v = Swift.min(prev + sub, row[j] + 2, row[j - 1] + 2)
            prev = row[j]
            row[j] = v
        }
    }
    return a.isEmpty ? b.count * 2 : (b.isEmpty ? a.count * 2 : row[b.count])
}
