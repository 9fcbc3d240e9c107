import RNNEngine

/// Python's special methods of a native object (`__len__`, `__getitem__`, `__iter__`, …): the interpreter's dunder
/// dispatch (`Interpreter.special`) asks for them as it asks a learner's class, so `len(seq)`, `seq[0]`, `for m in
/// layers` and `'a' in d` work on the containers below.
protocol NativeSpecialMethods: AnyObject {
    func specialMethod(_ name: String) -> PyValue?
}

extension PyValue {
    /// A native object with special methods (an nn container).
    var isNativeContainer: Bool { if case .object(let o) = self { return o is NativeSpecialMethods }; return false }
}

/// `nn.Sequential`, `nn.ModuleList` and `nn.ModuleDict`: modules holding modules, registered as children so
/// parameters, `state_dict`, `train()`/`eval()` and the repr walk them as torch does.
final class ContainerModule: ModuleBase, NativeSpecialMethods {
    enum Kind: String { case sequential = "Sequential", list = "ModuleList", dict = "ModuleDict" }
    let kind: Kind

    init(_ kind: Kind) {
        self.kind = kind
        super.init(moduleName: kind.rawValue, qualifiedName: "torch.nn.modules.container.\(kind.rawValue)")
    }

    /// The children in order (a None slot of a Sequential is skipped, as torch's iteration does).
    var modules: [ModuleBase] { childSlots.compactMap(\.module) }

    override var isCallable: Bool { true }

    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        guard kind == .sequential else {
            throw PyError(type: "NotImplementedError", message: "Module [\(moduleName)] is missing the required \"forward\" function")
        }
        let b = try bind("Sequential.forward", ["input"], required: 1, args, kwargs, isMethod: true)
        var x = b[0]!
        for m in modules { x = try interp.call(.object(m), [x], []) }
        return x
    }

    /// torch's ModuleList repr compresses runs of equal modules: `(0-1): 2 x Linear(...)`.
    override func repr(_ interp: Interpreter) -> String {
        guard kind == .list else { return super.repr(interp) }
        let reprs = modules.map { $0.repr(interp) }
        guard !reprs.isEmpty else { return "ModuleList()" }
        var blocks: [(start: Int, end: Int, text: String)] = []
        for (k, r) in reprs.enumerated() {
            if let last = blocks.last, last.text == r { blocks[blocks.count - 1].end = k } else { blocks.append((k, k, r)) }
        }
        let lines = blocks.map { b in
            Self.addIndent(b.start == b.end ? "(\(b.start)): \(b.text)" : "(\(b.start)-\(b.end)): \(b.end - b.start + 1) x \(b.text)", 2)
        }
        return "ModuleList(\n  " + lines.joined(separator: "\n  ") + "\n)"
    }

    override var attributeNames: [String] {
        moduleAttributeNames + (kind == .dict ? ["keys", "values", "items", "update", "pop", "clear"] : ["append", "extend", "insert", "pop"])
    }

    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        if let v = registeredAttribute(n) ?? moduleMethod(n) { return v }
        func method(_ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
            .object(Builtin(n, method: true, body))
        }
        switch (kind, n) {
        case (.sequential, "forward"): return method { a, k, i throws(PyError) in try self.call(a, k, i) }
        case (.sequential, "append"), (.list, "append"):
            return method { a, k, _ throws(PyError) in
                let b = try bind("append", ["module"], required: 1, a, k, isMethod: true)
                try self.append(b[0]!)
                return .object(self)
            }
        case (.sequential, "extend"), (.list, "extend"):
            return method { a, k, i throws(PyError) in
                let b = try bind("extend", [self.kind == .list ? "modules" : "sequential"], required: 1, a, k, isMethod: true)
                for m in try i.iterate(b[0]!) { try self.append(m) }
                return .object(self)
            }
        case (.sequential, "insert"), (.list, "insert"):
            return method { a, k, i throws(PyError) in
                let b = try bind("insert", ["index", "module"], required: 2, a, k, isMethod: true)
                let m = try Self.module(b[1]!)
                var list = self.modules
                var at = try i.intArg("insert", "index", b[0])
                if at < 0 { at += list.count }
                list.insert(m, at: max(0, min(at, list.count)))
                self.renumber(list)
                return .none
            }
        case (.sequential, "pop"), (.list, "pop"):
            return method { a, k, i throws(PyError) in
                let b = try bind("pop", ["key"], required: 0, a, k, isMethod: true)
                var list = self.modules
                let at = try self.position(try b[0].map { v throws(PyError) in try i.intArg("pop", "key", v) } ?? -1, list.count)
                let m = list.remove(at: at)
                self.renumber(list)
                return .object(m)
            }
        // torch 2.x keeps children in a plain dict: ModuleDict.keys() prints dict_keys([...]).
        case (.dict, "keys"): return method { _, _, _ throws(PyError) in .object(DictView("dict_keys", self.childSlots.map { .str($0.name) })) }
        case (.dict, "values"): return method { _, _, _ throws(PyError) in .object(DictView("dict_values", self.modules.map { .object($0) })) }
        case (.dict, "items"):
            return method { _, _, _ throws(PyError) in
                .object(DictView("dict_items", self.childSlots.compactMap { s in s.module.map { .tuple([.str(s.name), .object($0)]) } }))
            }
        case (.dict, "update"):
            return method { a, k, i throws(PyError) in
                let b = try bind("update", ["modules"], required: 1, a, k, isMethod: true)
                try self.update(b[0]!, i)
                return .none
            }
        case (.dict, "pop"):
            return method { a, k, i throws(PyError) in
                let b = try bind("pop", ["key"], required: 1, a, k, isMethod: true)
                let key = try i.str(b[0]!)
                guard let slot = self.childSlots.first(where: { $0.name == key }) else { throw PyError(type: "KeyError", message: pyStrRepr(key)) }
                self.childSlots.removeAll { $0.name == key }
                return slot.module.map { .object($0) } ?? .none
            }
        case (.dict, "clear"): return method { _, _, _ throws(PyError) in self.childSlots = []; return .none }
        default: return nil
        }
    }

    // MARK: The special methods

    func specialMethod(_ name: String) -> PyValue? {
        func method(_ body: @escaping ([PyValue], Interpreter) throws(PyError) -> PyValue) -> PyValue {
            .object(Builtin(name, method: true) { a, _, i throws(PyError) in try body(a, i) })
        }
        switch name {
        case "__len__": return method { _, _ throws(PyError) in .int(self.childSlots.count) }
        case "__iter__":
            return method { _, _ throws(PyError) in
                let items: [PyValue] = self.kind == .dict ? self.childSlots.map { .str($0.name) } : self.modules.map { .object($0) }
                return .object(SequenceIterator(.items(items), name: self.kind == .dict ? "odict_keyiterator" : "odict_valueiterator"))
            }
        case "__contains__":
            return method { a, i throws(PyError) in
                if self.kind == .dict { return .bool(self.childSlots.contains { $0.name == (try? i.str(a[0])) }) }
                guard case .object(let m)? = a.first else { return .bool(false) }
                return .bool(self.modules.contains { $0 === m })
            }
        case "__getitem__": return method { a, i throws(PyError) in try self.item(a[0], i) }
        case "__setitem__":
            return method { a, i throws(PyError) in
                let m = try Self.module(a[1])
                if self.kind == .dict { self.registerModule(try i.str(a[0]), m); return .none }
                guard let k = a[0].asIndex else { throw a[0].notAnIndex("list indices must be integers or slices, not \(a[0].typeName)") }
                let at = try self.position(k, self.childSlots.count)
                self.childSlots[at].module = m
                return .none
            }
        case "__delitem__":
            return method { a, i throws(PyError) in
                if self.kind == .dict {
                    let key = try i.str(a[0])
                    guard self.childSlots.contains(where: { $0.name == key }) else { throw PyError(type: "KeyError", message: pyStrRepr(key)) }
                    self.childSlots.removeAll { $0.name == key }
                    return .none
                }
                guard let k = a[0].asIndex else { throw a[0].notAnIndex("list indices must be integers or slices, not \(a[0].typeName)") }
                var list = self.modules
                list.remove(at: try self.position(k, list.count))
                self.renumber(list)
                return .none
            }
        default: return nil
        }
    }

    /// `seq[i]` (a module), `seq[a:b]` (a container of the same kind: Sequential keeps the keys, ModuleList
    /// renumbers), `d['name']`.
    private func item(_ index: PyValue, _ interp: Interpreter) throws(PyError) -> PyValue {
        if kind == .dict {
            let key = try interp.str(index)
            guard let slot = childSlots.first(where: { $0.name == key }) else { throw PyError(type: "KeyError", message: pyStrRepr(key)) }
            return slot.module.map { .object($0) } ?? .none
        }
        if case .object(let s as SliceObject) = index {
            let picked = try interp.sliceItems(childSlots, s)
            let out = ContainerModule(kind)
            for (k, slot) in picked.enumerated() { out.registerModule(kind == .sequential ? slot.name : String(k), slot.module) }
            return .object(out)
        }
        guard let k = index.asIndex else {
            throw .typeError("\(kind == .list ? "ModuleList" : "Sequential") indices must be integers or slices, not \(index.typeName)")
        }
        let at = try position(k, childSlots.count)
        return childSlots[at].module.map { .object($0) } ?? .none
    }

    /// A list index made non-negative, or torch's IndexError.
    private func position(_ k: Int, _ n: Int) throws(PyError) -> Int {
        guard k >= -n, k < n else { throw .indexError("index \(k) is out of range") }
        return k < 0 ? k + n : k
    }

    private func append(_ v: PyValue) throws(PyError) {
        registerModule(String(childSlots.count), try Self.module(v))
    }

    /// Children numbered 0, 1, … again after an insert or removal.
    private func renumber(_ list: [ModuleBase]) {
        childSlots = list.enumerated().map { (String($0.offset), $0.element) }
    }

    private func update(_ v: PyValue, _ interp: Interpreter) throws(PyError) {
        if case .dict(let d) = v {
            for (k, m) in zip(d.keys, d.values) { registerModule(try interp.str(k), try Self.module(m)) }
            return
        }
        for pair in try interp.iterate(v) {
            let kv = try interp.iterate(pair)
            guard kv.count == 2 else { throw .valueError("ModuleDict update sequence element has length \(kv.count); 2 is required") }
            registerModule(try interp.str(kv[0]), try Self.module(kv[1]))
        }
    }

    /// A value that must be a module, with torch's message otherwise.
    static func module(_ v: PyValue) throws(PyError) -> ModuleBase {
        guard case .object(let m as ModuleBase) = v else { throw .typeError("\(v.typeName) is not a Module subclass") }
        return m
    }

    // MARK: Construction

    static func classes() -> [String: PyValue] {
        [
            "Sequential": .object(PyClass("Sequential", qualified: "torch.nn.modules.container.Sequential") { a, k, i throws(PyError) in
                if let key = k.first?.0 { throw .typeError("Sequential.__init__() got an unexpected keyword argument '\(key)'") }
                let s = ContainerModule(.sequential)
                if a.count == 1, case .dict(let d) = a[0] {
                    for (key, m) in zip(d.keys, d.values) { s.registerModule(try i.str(key), try module(m)) }
                } else {
                    for v in a { try s.append(v) }
                }
                return .object(s)
            }),
            "ModuleList": .object(PyClass("ModuleList", qualified: "torch.nn.modules.container.ModuleList") { a, k, i throws(PyError) in
                let b = try bind("ModuleList.__init__", ["modules"], required: 0, a, k, isMethod: true)
                let l = ContainerModule(.list)
                if let ms = b[0], !ms.isNone { for m in try i.iterate(ms) { try l.append(m) } }
                return .object(l)
            }),
            "ModuleDict": .object(PyClass("ModuleDict", qualified: "torch.nn.modules.container.ModuleDict") { a, k, i throws(PyError) in
                let b = try bind("ModuleDict.__init__", ["modules"], required: 0, a, k, isMethod: true)
                let d = ContainerModule(.dict)
                if let ms = b[0], !ms.isNone { try d.update(ms, i) }
                return .object(d)
            }),
        ]
    }
}
