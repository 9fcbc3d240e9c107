import Foundation

/// Python's format specification mini-language (`format()`, `str.format`, f-strings) and printf-style `%`
/// formatting, with CPython's messages for the common mistakes.
extension Interpreter {
    struct FormatSpec {
        var fill: Character = " "
        var align: Character?
        var sign: Character = "-"
        var alternate = false
        var zero = false
        var width = 0
        var grouping: Character?
        var precision: Int?
        var type: Character?
    }

    func parseSpec(_ spec: String, _ v: PyValue) throws(PyError) -> FormatSpec {
        var s = FormatSpec()
        var c = Array(spec)[...]
        func isAlign(_ ch: Character?) -> Bool { ch.map { "<>=^".contains($0) } ?? false }
        if c.count >= 2, isAlign(c[c.startIndex + 1]) { s.fill = c.removeFirst(); s.align = c.removeFirst() }
        else if isAlign(c.first) { s.align = c.removeFirst() }
        if let ch = c.first, "+- ".contains(ch) { s.sign = ch; c.removeFirst() }
        if c.first == "z" { c.removeFirst() }
        if c.first == "#" { s.alternate = true; c.removeFirst() }
        if c.first == "0" { s.zero = true; c.removeFirst() }
        var w = ""
        while let ch = c.first, ch.isASCII, ch.isNumber { w.append(ch); c.removeFirst() }
        if !w.isEmpty {
            guard let n = Int(w), n <= Int(Int32.max) else { throw .valueError("Too many decimal digits in format string") }
            s.width = n
        }
        if let ch = c.first, ch == "," || ch == "_" { s.grouping = ch; c.removeFirst() }
        if c.first == "." {
            c.removeFirst()
            var p = ""
            while let ch = c.first, ch.isASCII, ch.isNumber { p.append(ch); c.removeFirst() }
            guard !p.isEmpty else { throw .valueError("Format specifier missing precision") }
            guard let n = Int(p), n <= Int(Int32.max) else { throw .valueError("Too many decimal digits in format string") }
            s.precision = n
        }
        if let ch = c.first { s.type = ch; c.removeFirst() }
        if !c.isEmpty { throw .valueError("Invalid format specifier '\(spec)' for object of type '\(v.typeName)'") }
        return s
    }

    func formatValue(_ v: PyValue, _ spec: String) throws(PyError) -> String {
        var value = v
        if case .tensor(let t) = v {
            // Tensor.__format__: a 0-d tensor formats its item() (so f"{loss}" prints 0.6896895170211792, not
            // tensor(0.6897)); any other tensor only with an empty spec, as str().
            guard t.shape.isEmpty else {
                if spec.isEmpty { return try str(v) }
                throw .typeError("unsupported format string passed to Tensor.__format__")
            }
            value = try t.item()
        }
        if spec.isEmpty { return try str(value) }
        var s = try parseSpec(spec, value)
        // The text can be as long as the width or the precision: charged before C formats it.
        try charge(bytes: s.width + (s.precision ?? 0))
        let body: String
        var isNumber = true
        switch value {
        case .int, .bool:
            let n = value.asIndex!
            switch s.type {
            case nil, "d", "n": body = grouped(String(n.magnitude), s.grouping, 3)
            case "b": body = (s.alternate ? "0b" : "") + grouped(String(n.magnitude, radix: 2), s.grouping, 4)
            case "o": body = (s.alternate ? "0o" : "") + grouped(String(n.magnitude, radix: 8), s.grouping, 4)
            case "x": body = (s.alternate ? "0x" : "") + grouped(String(n.magnitude, radix: 16), s.grouping, 4)
            case "X": body = (s.alternate ? "0X" : "") + grouped(String(n.magnitude, radix: 16).uppercased(), s.grouping, 4)
            case "c":
                guard n >= 0, n <= 0x10FFFF, let u = Unicode.Scalar(UInt32(n)) else { throw PyError(type: "OverflowError", message: "%c arg not in range(0x110000)") }
                body = String(Character(u)); isNumber = false
            case "e", "E", "f", "F", "g", "G", "%":
                return try formatValue(.float(Double(n)), spec)
            case let t?:
                throw .valueError("Unknown format code '\(t)' for object of type 'int'")
            }
            if isNumber { return pad(sign(n < 0, s.sign) + body, &s, numeric: true) }
            return pad(body, &s, numeric: false)
        case .float(let f):
            let negative = f.sign == .minus && !f.isNaN
            let mag = abs(f)
            var text: String
            switch s.type {
            case nil:
                if let p = s.precision {
                    text = cFormat(mag, "g", max(p, 1), alternate: s.alternate)
                    if !text.contains(".") && !text.contains("e") && !text.contains("n") && !text.contains("i") { text += ".0" }
                } else {
                    text = pyFloatRepr(mag)
                }
            case "f", "F", "e", "E", "g", "G", "n":
                let t = s.type == "n" ? "g" : s.type!
                text = cFormat(mag, t, s.precision ?? 6, alternate: s.alternate)
                if t == "F" || t == "E" || t == "G" { text = text.uppercased() }
            case "%":
                text = cFormat(mag * 100, "f", s.precision ?? 6, alternate: s.alternate) + "%"
            case let t?:
                throw .valueError("Unknown format code '\(t)' for object of type 'float'")
            }
            if let g = s.grouping {
                let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                let intPart = String(parts[0]).prefix { $0.isNumber }
                let rest = text.dropFirst(intPart.count)
                text = grouped(String(intPart), g, 3) + rest
                _ = parts
            }
            return pad(sign(negative, s.sign) + text, &s, numeric: true)
        case .str(let text):
            if let t = s.type, t != "s" { throw .valueError("Unknown format code '\(t)' for object of type 'str'") }
            if s.sign != "-" { throw .valueError("Sign not allowed in string format specifier") }
            if s.align == "=" { throw .valueError("'=' alignment not allowed in string format specifier") }
            var out = text
            if let p = s.precision { out = String(String.UnicodeScalarView(out.unicodeScalars.prefix(p))) }
            return pad(out, &s, numeric: false)
        default:
            if case .object = value { throw .typeError("unsupported format string passed to \(value.typeName).__format__") }
            return try formatValue(.str(try str(value)), spec)
        }
    }

    private func sign(_ negative: Bool, _ mode: Character) -> String {
        negative ? "-" : mode == "+" ? "+" : mode == " " ? " " : ""
    }

    private func grouped(_ digits: String, _ sep: Character?, _ every: Int) -> String {
        guard let sep, digits.count > every else { return digits }
        var out: [Character] = []
        for (k, ch) in digits.reversed().enumerated() {
            if k > 0 && k % every == 0 { out.append(sep) }
            out.append(ch)
        }
        return String(out.reversed())
    }

    /// C's printf for one double (Python's float formatting is C's for e, f, g), bounded by the memory budget.
    func cFormat(_ d: Double, _ type: Character, _ precision: Int, alternate: Bool) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return "inf" }
        return String(format: "%\(alternate ? "#" : "").\(precision)\(type)", d)
    }

    private func pad(_ text: String, _ s: inout FormatSpec, numeric: Bool) -> String {
        let len = text.unicodeScalars.count
        guard s.width > len else { return text }
        var align = s.align ?? (numeric ? ">" : "<")
        var fill = s.fill
        if s.zero && s.align == nil { fill = "0"; align = numeric ? "=" : "<" }
        let n = s.width - len
        switch align {
        case "<": return text + String(repeating: fill, count: n)
        case "^": return String(repeating: fill, count: n / 2) + text + String(repeating: fill, count: n - n / 2)
        case "=":
            var t = Substring(text)
            var prefix = ""
            if let f = t.first, "+- ".contains(f) { prefix.append(f); t = t.dropFirst() }
            for p in ["0x", "0X", "0b", "0o"] where t.hasPrefix(p) { prefix += p; t = t.dropFirst(2) }
            return prefix + String(repeating: fill, count: n) + t
        default: return String(repeating: fill, count: n) + text
        }
    }

    // MARK: printf-style

    func percentFormat(_ s: String, _ arg: PyValue) throws(PyError) -> String {
        var args: [PyValue]
        var mapping: PyDict?
        if case .tuple(let t) = arg { args = t } else if case .dict(let d) = arg { mapping = d; args = [arg] } else { args = [arg] }
        var used = 0
        var out = ""
        var chars = Array(s)[...]
        func nextArg() throws(PyError) -> PyValue {
            guard used < args.count else { throw .typeError("not enough arguments for format string") }
            used += 1
            return args[used - 1]
        }
        while let c = chars.popFirst() {
            guard c == "%" else { out.append(c); continue }
            var key: String?
            if chars.first == "(" {
                chars.removeFirst()
                var k = ""
                while let d = chars.popFirst(), d != ")" { k.append(d) }
                key = k
            }
            var flags = ""
            while let d = chars.first, "#0- +".contains(d) { flags.append(d); chars.removeFirst() }
            var width = ""
            if chars.first == "*" {
                chars.removeFirst()
                guard let n = try nextArg().asIndex else { throw .typeError("* wants int") }
                width = String(n)
            }
            while let d = chars.first, d.isASCII, d.isNumber { width.append(d); chars.removeFirst() }
            var precision: String?
            if chars.first == "." {
                chars.removeFirst()
                var p = ""
                if chars.first == "*" {
                    chars.removeFirst()
                    guard let n = try nextArg().asIndex else { throw .typeError("* wants int") }
                    p = String(n)
                }
                while let d = chars.first, d.isASCII, d.isNumber { p.append(d); chars.removeFirst() }
                precision = p.isEmpty ? "0" : p
            }
            while let d = chars.first, "hlL".contains(d) { chars.removeFirst() }
            guard let conv = chars.popFirst() else { throw .valueError("incomplete format") }
            if conv == "%" { out.append("%"); continue }
            let a: PyValue
            if let key {
                guard let mapping else { throw .typeError("format requires a mapping") }
                guard let v = try mapping.get(.str(key)) else { throw PyError(type: "KeyError", message: pyStrRepr(key)) }
                a = v
            } else {
                a = try nextArg()
            }
            // Width and precision are bounded by the memory budget before C formats anything.
            let w = Int(width) ?? 0, p = Int(precision ?? "0") ?? 0
            try charge(bytes: max(w, 0) + max(p, 0))
            if w > 100_000_000 || p > 100_000_000 { throw memoryError() }
            var spec = ""
            if flags.contains("-") { spec += "<" } else if flags.contains("0") && "diouxXeEfFgG".contains(conv) { spec += "0" } else { spec += ">" }
            if spec == "0" { spec = "" }
            var signFlag = ""
            if flags.contains("+") { signFlag = "+" } else if flags.contains(" ") { signFlag = " " }
            let zeroPad = flags.contains("0") && !flags.contains("-")
            func fmt(_ v: PyValue, _ type: String) throws(PyError) -> String {
                let align = flags.contains("-") ? "<" : zeroPad ? "" : ">"
                let spec = align + signFlag + (flags.contains("#") ? "#" : "") + (zeroPad ? "0" : "") + width
                    + (precision.map { "." + $0 } ?? "") + type
                return try formatValue(v, spec)
            }
            switch conv {
            case "s", "r", "a":
                var text = conv == "s" ? try str(a) : try checkedRepr(a)
                if conv == "a" { text = asciiRepr(text) }
                if let precision, let n = Int(precision) { text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(n))) }
                out += try formatValue(.str(text), (flags.contains("-") ? "<" : ">") + width)
            case "d", "i", "u":
                let n: Int
                switch a {
                case .int, .bool: n = a.asIndex!
                case .float(let f): n = try floatToInt(f)
                case .tensor(let t): n = try t.pythonInt().asIndex ?? 0   // __int__: one element, else ValueError
                default: throw .typeError("%\(conv) format: a real number is required, not \(a.typeName)")
                }
                var text = try fmt(.int(n), "d")
                if let precision, let pn = Int(precision), pn > 0 {
                    let digits = String(n.magnitude)
                    if digits.count < pn {
                        text = try formatValue(.str(sign(n < 0, Character(signFlag.isEmpty ? "-" : signFlag)) + String(repeating: "0", count: pn - digits.count) + digits), (flags.contains("-") ? "<" : ">") + width)
                    }
                }
                out += text
            case "x", "X", "o":
                guard let n = a.asIndex else { throw .typeError("%\(conv) format: an integer is required, not \(a.typeName)") }
                out += try fmt(.int(n), String(conv))
            case "e", "E", "f", "F", "g", "G":
                let tensorValue: Double?
                if case .tensor(let t) = a { tensorValue = try t.pythonFloat().asDouble } else { tensorValue = nil }   // __float__
                guard let d = a.asDouble ?? tensorValue else { throw .typeError("must be real number, not \(a.typeName)") }
                let text = try fmt(.float(d), String(conv) == "f" && precision == nil ? "f" : String(conv))
                out += precision == nil && "eEfFgG".contains(conv) ? text : text
            case "c":
                if case .str(let ch) = a, ch.unicodeScalars.count == 1 { out += try formatValue(.str(ch), (flags.contains("-") ? "<" : ">") + width); break }
                guard let n = a.asIndex else { throw .typeError("%c requires int or char") }
                out += try fmt(.int(n), "c")
            default:
                throw .valueError("unsupported format character '\(conv)' (0x\(String(conv.unicodeScalars.first!.value, radix: 16))) at index \(s.count - chars.count - 1)")
            }
        }
        if mapping == nil && used < args.count { throw .typeError("not all arguments converted during string formatting") }
        return out
    }
}
