/// The attributes of ints and floats learners reach for (`n.bit_length()`, `x.is_integer()`, `.real`); the rest
/// of what CPython 3.11 has on them is an honest NotImplementedError, never an AttributeError it would not raise.
extension Interpreter {
    static let intNames: Set<String> = [
        "__abs__", "__add__", "__and__", "__bool__", "__ceil__", "__divmod__", "__float__", "__floor__", "__floordiv__",
        "__getnewargs__", "__index__", "__int__", "__invert__", "__lshift__", "__mod__", "__mul__", "__neg__", "__or__",
        "__pos__", "__pow__", "__radd__", "__rand__", "__rdivmod__", "__rfloordiv__", "__rlshift__", "__rmod__",
        "__rmul__", "__ror__", "__round__", "__rpow__", "__rrshift__", "__rshift__", "__rsub__", "__rtruediv__",
        "__rxor__", "__sub__", "__truediv__", "__trunc__", "__xor__", "as_integer_ratio", "bit_count", "bit_length",
        "conjugate", "denominator", "from_bytes", "imag", "numerator", "real", "to_bytes",
    ]
    static let floatNames: Set<String> = [
        "__abs__", "__add__", "__bool__", "__ceil__", "__divmod__", "__float__", "__floor__", "__floordiv__",
        "__getformat__", "__getnewargs__", "__int__", "__mod__", "__mul__", "__neg__", "__pos__", "__pow__", "__radd__",
        "__rdivmod__", "__rfloordiv__", "__rmod__", "__rmul__", "__round__", "__rpow__", "__rsub__", "__rtruediv__",
        "__sub__", "__truediv__", "__trunc__", "as_integer_ratio", "conjugate", "fromhex", "hex", "imag", "is_integer", "real",
    ]

    func numberAttribute(_ v: PyValue, _ name: String) throws(PyError) -> PyValue? {
        func m(_ body: @escaping () throws(PyError) -> PyValue) -> PyValue {
            method(name) { a, _, _ throws(PyError) in
                guard a.isEmpty else { throw .typeError("\(v.typeName).\(name)() takes no arguments (\(a.count) given)") }
                return try body()
            }
        }
        switch v {
        case .int, .bool:
            let n = v.asIndex!
            switch name {
            case "real", "numerator": return .int(n)
            case "imag": return .int(0)
            case "denominator": return .int(1)
            case "conjugate": return m { .int(n) }
            case "bit_length": return m { .int(n == 0 ? 0 : UInt(n.magnitude).bitWidth - UInt(n.magnitude).leadingZeroBitCount) }
            case "bit_count": return m { .int(n.magnitude.nonzeroBitCount) }
            case "as_integer_ratio": return m { .tuple([.int(n), .int(1)]) }
            case _ where Self.intNames.contains(name):
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support int.\(name) yet")
            default: return nil
            }
        case .float(let f):
            switch name {
            case "real": return .float(f)
            case "imag": return .float(0)
            case "conjugate": return m { .float(f) }
            case "is_integer": return m { .bool(f.isFinite && f == f.rounded(.towardZero)) }
            case "as_integer_ratio":
                return m { () throws(PyError) -> PyValue in
                    if f.isNaN { throw .valueError("cannot convert NaN to integer ratio") }
                    if f.isInfinite { throw PyError(type: "OverflowError", message: "cannot convert Infinity to integer ratio") }
                    // f = significand · 2^e exactly; the fraction reduced by the powers of two they share.
                    var num = f, den = 1.0
                    while num != num.rounded(.towardZero) { num *= 2; den *= 2 }
                    guard abs(num) < 0x1p63, den < 0x1p63 else {
                        throw PyError(type: "NotImplementedError", message: "MiniPy does not support integers beyond 64 bits yet")
                    }
                    return .tuple([.int(Int(num)), .int(Int(den))])
                }
            case _ where Self.floatNames.contains(name):
                throw PyError(type: "NotImplementedError", message: "MiniPy does not support float.\(name) yet")
            default: return nil
            }
        default: return nil
        }
    }
}
