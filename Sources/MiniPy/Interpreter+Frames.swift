import Foundation

/// The stack a run may use, truth values, `del`, `:=`, f-strings and generator expressions.
extension Interpreter {
    /// Stack of the thread `MiniPy.run` starts (Python's 1,000 frames need far less; see DECISIONS.md).
    static let runStackSize = 256 << 20
    static let generatorStackSize = 64 << 20
    /// Stack kept free below the deepest Python frame: Swift code a builtin runs (printing, sorting) needs some.
    static let stackMargin: UInt = 1 << 20

    /// The lowest address this thread's stack may grow to before RecursionError. A thread MiniPy starts records its
    /// stack size (`ThreadState`); any other thread is assumed to have 512 KB, the smallest common default.
    static func currentStackLimit(margin: UInt) -> UInt {
        let size = ThreadState.current.stackSize.map(UInt.init) ?? (512 << 10)
        let top = stackAddress()
        let usable = size - min(margin, size / 4) - 64 << 10
        return top > usable ? top - usable : 0
    }

    /// The interpreter running on this thread (a run's thread, or a generator's): dict keys with a user `__eq__`
    /// compare through it.
    static var current: Interpreter? { ThreadState.current.interpreter }

    /// Makes this interpreter `current` on the calling thread.
    func becomeCurrent() { ThreadState.current.interpreter = self }

    @inline(never)
    static func stackAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// RecursionError before the thread's stack runs out (deep recursion through `__repr__`, nested calls from
    /// builtins, anything the frame count does not see).
    func checkStack() throws(PyError) {
        if stackLimit != 0, Interpreter.stackAddress() < stackLimit {
            throw PyError(type: "RecursionError", message: "maximum recursion depth exceeded")
        }
    }

    /// Python's truth value, with a user class's `__bool__` or `__len__`.
    func truth(_ v: PyValue) throws(PyError) -> Bool {
        guard case .object(let o) = v else { return try v.truthy() }
        switch o {
        case let s as SetObject: return s.count > 0
        case let b as BytesObject: return !b.bytes.isEmpty
        case let d as DictView: return !d.items.isEmpty
        default: break
        }
        if let b = try special(v, "__bool__") {
            let r = try call(b, [], [])
            guard case .bool(let flag) = r else { throw .typeError("__bool__ should return bool, returned \(r.typeName)") }
            return flag
        }
        if let l = try special(v, "__len__") { return try lengthOf(l, v) != 0 }
        return true
    }

    /// What a user `__len__` returns, checked as Python checks it.
    func lengthOf(_ method: PyValue, _ v: PyValue) throws(PyError) -> Int {
        let r = try call(method, [], [])
        guard let n = r.asIndex else { throw r.notAnIndex("'\(r.typeName)' object cannot be interpreted as an integer") }
        if n < 0 { throw .valueError("__len__() should return >= 0") }
        return n
    }

    /// `name := value` binds in the enclosing function, not in a comprehension's own scope.
    func storeNamed(_ n: String, _ v: PyValue) {
        guard let s = scope, s.kind == .comprehension else { store(n, v); return }
        let saved = scope
        var p: Scope? = s
        while let q = p, q.kind == .comprehension { p = q.parent }
        scope = p
        store(n, v)
        scope = saved
    }

    /// `del target`.
    func delete(_ target: Expr) throws(PyError) {
        switch target {
        case .name(let n, _): try deleteName(n)
        case .tuple(let items, _), .list(let items, _): for x in items { try delete(x) }
        case .attribute(let objExpr, let name, _): try deleteAttribute(try eval(objExpr), name)
        case .index(let objExpr, let indexExpr, _):
            let obj = try eval(objExpr)
            let index = try eval(indexExpr)
            switch obj {
            case .list(let l):
                if case .object(let s as SliceObject) = index {
                    let (a, b, step) = try s.indices(l.items.count)
                    var drop = Set<Int>()
                    var k = a
                    while step > 0 ? k < b : k > b { drop.insert(k); k += step }
                    l.items = l.items.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
                    return
                }
                guard let i = index.asIndex else { throw index.notAnIndex("list indices must be integers or slices, not \(index.typeName)") }
                let j = i < 0 ? i + l.items.count : i
                guard j >= 0, j < l.items.count else { throw .indexError("list assignment index out of range") }
                l.items.remove(at: j)
            case .dict(let d):
                guard let k = d.index[try HashKey(index)] else { throw keyError(index) }
                d.remove(at: k)
            default:
                if let m = try special(obj, "__delitem__") { _ = try call(m, [index], []); return }
                if case .tensor = obj { throw .typeError("'Tensor' object doesn't support item deletion") }
                throw .typeError("'\(obj.typeName)' object doesn't support item deletion")
            }
        default:
            throw .syntax("cannot delete expression", line: target.pos.line, column: target.pos.column, text: "")
        }
    }

    // MARK: f-strings

    func formatParts(_ parts: [FStringPart]) throws(PyError) -> String {
        var out = ""
        for p in parts {
            switch p {
            case .literal(let s): out += s
            case .field(let e, let conversion, let spec, let debugText):
                let v = try eval(e)
                if let debugText { out += debugText }
                let converted: PyValue
                switch conversion {
                case "r": converted = .str(try checkedRepr(v))
                case "s": converted = .str(try str(v))
                case "a": converted = .str(asciiRepr(try checkedRepr(v)))
                default: converted = (debugText != nil && spec == nil) ? .str(try checkedRepr(v)) : v
                }
                let specText = try spec.map { x throws(PyError) in try formatParts(x) } ?? ""
                out += try format(converted, specText)
                try checkElements(out.utf8.count)
            }
        }
        return out
    }

    func asciiRepr(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.isASCII { out.unicodeScalars.append(u) }
            else if u.value <= 0xFF { out += "\\x" + String(u.value, radix: 16).leftPad(2) }
            else if u.value <= 0xFFFF { out += "\\u" + String(u.value, radix: 16).leftPad(4) }
            else { out += "\\U" + String(u.value, radix: 16).leftPad(8) }
        }
        return out
    }

    /// `format(v, spec)`: a user `__format__`, else the built-in formatting of numbers and strings.
    func format(_ v: PyValue, _ spec: String) throws(PyError) -> String {
        if let f = try special(v, "__format__") {
            let r = try call(f, [.str(spec)], [])
            guard case .str(let s) = r else { throw .typeError("__format__ must return a str, not \(r.typeName)") }
            return s
        }
        return try formatValue(v, spec)
    }

    // MARK: Generator expressions

    /// `(elt for x in xs if c)`: items made one at a time, in a scope of its own.
    func generatorExpression(_ elt: Expr, _ gens: [Comprehension]) throws(PyError) -> PyIterator {
        let first = try makeIterator(try eval(gens[0].iter))
        let frame = Scope(kind: .comprehension, locals: Set(gens.flatMap { $0.target.boundNames }), parent: scope)
        var its: [PyIterator] = [first]
        let it = ClosureIterator("generator") { (i: Interpreter) throws(PyError) -> PyValue? in
            try i.runFrame(frame, name: "<genexpr>") { () throws(PyError) -> PyValue? in
                while let top = its.last {
                    let k = its.count - 1
                    guard let item = try top.next(i) else { its.removeLast(); continue }
                    try i.tick()
                    try i.assign(gens[k].target, item)
                    var keep = true
                    for c in gens[k].conditions where try !i.truth(try i.eval(c)) { keep = false; break }
                    if !keep { continue }
                    if k + 1 == gens.count { return try i.eval(elt) }
                    its.append(try i.makeIterator(try i.eval(gens[k + 1].iter)))
                }
                return nil
            }
        }
        it.displayName = "<generator object <genexpr> at \(fixedAddress)>"
        return it
    }
}
