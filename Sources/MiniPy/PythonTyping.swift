/// `typing`: learners copy `from typing import List, Optional, Tuple` along with annotated code. MiniPy reads
/// annotations and drops them, so the names only need to exist, subscript (`Batch = List[torch.Tensor]`) and print
/// as CPython prints them (`typing.Optional[torch.Tensor]`).
final class TypingForm: PyObject, NativeSpecialMethods {
    let text: String
    init(_ text: String) { self.text = text }
    override var typeName: String { "_GenericAlias" }
    override func repr(_ interp: Interpreter) -> String { text }

    func specialMethod(_ name: String) -> PyValue? {
        guard name == "__getitem__" else { return nil }
        return .object(Builtin(name, method: true) { a, _, i throws(PyError) in
            let items: [PyValue]
            if case .tuple(let t) = a[0] { items = t } else { items = [a[0]] }
            return .object(TypingForm(self.text + "[" + items.map { Self.argumentText($0, i) }.joined(separator: ", ") + "]"))
        })
    }

    /// How typing names an argument: a class by its qualified name (`int`, `torch.Tensor`, `__main__.Vocab`).
    static func argumentText(_ v: PyValue, _ interp: Interpreter) -> String {
        if case .object(let f as TypingForm) = v { return f.text }
        if v.isNone { return "NoneType" }
        if case .object(let o) = v, o.typeName == "ellipsis" { return "..." }
        let r = interp.repr(v)
        if r.hasPrefix("<class '"), r.hasSuffix("'>") { return String(r.dropFirst(8).dropLast(2)) }
        return r
    }
}

extension PythonModules {
    nonisolated(unsafe) static let typing: Namespace = {
        var a: [String: PyValue] = [:]
        for name in ["Any", "List", "Tuple", "Dict", "Optional", "Union", "Callable", "Iterable", "Iterator", "Sequence",
                     "Set", "FrozenSet", "Type", "Generator", "Mapping", "Literal", "Final", "ClassVar"] {
            a[name] = .object(TypingForm("typing.\(name)"))
        }
        a["TYPE_CHECKING"] = .bool(false)
        // cast(typ, val) returns val unchanged.
        a["cast"] = fn("cast") { args, kwargs, _ throws(PyError) in
            let b = try bind("cast", ["typ", "val"], required: 2, args, kwargs)
            return b[1]!
        }
        return Namespace("typing", a)
    }()
}
