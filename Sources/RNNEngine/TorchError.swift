/// An exception PyTorch would raise: its Python type and its exact message.
///
///     TorchError(type: "ValueError", message: "input_size must be greater than zero")
///     // prints as "ValueError: input_size must be greater than zero"
public struct TorchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// "ValueError", "TypeError", "RuntimeError" (or "IndexError" where Python raises one).
    public var type: String
    public var message: String

    public init(type: String, message: String) {
        self.type = type
        self.message = message
    }

    static func value(_ m: String) -> TorchError { TorchError(type: "ValueError", message: m) }
    static func typeError(_ m: String) -> TorchError { TorchError(type: "TypeError", message: m) }
    static func runtime(_ m: String) -> TorchError { TorchError(type: "RuntimeError", message: m) }

    public var description: String { "\(type): \(message)" }
}

/// A Python warning that does not stop construction (e.g. dropout with one layer).
public struct TorchWarning: Sendable, Equatable, CustomStringConvertible {
    /// "UserWarning".
    public var category: String
    public var message: String
    public var description: String { "\(category): \(message)" }
}

/// A loosely typed constructor argument, as it arrives from JSON or from a Python-like snippet.
/// Checks follow Python: `bool` is a subclass of `int`, `int` and `float` are numbers.
public enum ArgValue: Sendable, Equatable, CustomStringConvertible {
    case int(Int)
    case float(Double)
    case bool(Bool)
    case string(String)
    case none

    /// Python's `type(x).__name__`.
    public var typeName: String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .string: "str"
        case .none: "NoneType"
        }
    }

    /// Python's `isinstance(x, int)` (true for bools).
    var isInt: Bool {
        switch self { case .int, .bool: true; default: false }
    }

    /// The exact value of an int or bool (Python's `int(x)` for them); nil otherwise.
    var intValue: Int? {
        switch self {
        case .int(let i): i
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }

    /// The numeric value of an int, bool or float.
    var number: Double? {
        switch self {
        case .int(let i): Double(i)
        case .bool(let b): b ? 1 : 0
        case .float(let f): f
        default: nil
        }
    }

    /// Python's `repr(x)` / f-string form.
    public var description: String {
        switch self {
        case .int(let i): String(i)
        case .float(let f): pythonFloat(f)
        case .bool(let b): b ? "True" : "False"
        case .string(let s): s
        case .none: "None"
        }
    }
}

/// Python's `str(float)` for the values a config holds (0.5, 1.0, 1e-05).
func pythonFloat(_ f: Double) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f < 0 ? "-inf" : "inf" }
    if f == f.rounded(), abs(f) < 1e16 { return String(format: "%.1f", f) }
    let s = "\(f)"  // Swift prints the shortest round-tripping digits, as Python does
    if let e = s.firstIndex(of: "e") {
        // Swift "1e-05" vs Python "1e-05": both pad the exponent to two digits.
        let mant = s[..<e], exp = s[s.index(after: e)...]
        let sign = exp.hasPrefix("-") ? "-" : "+"
        let digits = exp.drop { $0 == "-" || $0 == "+" }
        return mant + "e" + sign + (digits.count < 2 ? "0" + digits : String(digits))
    }
    return s
}

import Foundation
