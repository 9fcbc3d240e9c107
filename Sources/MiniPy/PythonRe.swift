import Foundation

/// A subset of `re` for the text cleaning tutorials do (the translation tutorial's `normalizeString`:
/// `re.sub(r"([.!?])", r" \1", s)`): compile, match, search, fullmatch, findall, finditer, sub, subn, split,
/// escape and the IGNORECASE/MULTILINE/DOTALL flags, on ICU's engine (NSRegularExpression), whose syntax agrees
/// with Python's for such patterns. Replacement templates (`\1`, `\g<1>`) are expanded here, as Python does.
/// Named groups, lookbehind subtleties and the other flags are left to the honest NotImplementedError.
extension PythonModules {
    static let reFlags: [String: Int] = ["I": 2, "IGNORECASE": 2, "M": 8, "MULTILINE": 8, "S": 16, "DOTALL": 16,
                                         "NOFLAG": 0, "U": 32, "UNICODE": 32]

    nonisolated(unsafe) static let re: Namespace = {
        var a: [String: PyValue] = [:]
        for (k, v) in reFlags { a[k] = .int(v) }
        a["compile"] = fn("compile") { args, kw, _ throws(PyError) in
            let b = try bind("compile", ["pattern", "flags"], required: 1, args, kw)
            return .object(try RegexPattern.make(b[0]!, b[1]))
        }
        for name in ["match", "search", "fullmatch", "findall", "finditer", "split", "sub", "subn"] {
            a[name] = fn(name) { args, kw, i throws(PyError) in
                guard let p = args.first else { throw .typeError("\(name)() missing required argument 'pattern' (pos 1)") }
                // flags follows the method's own parameters: re.findall(p, s, flags), re.sub(p, r, s, count, flags).
                let own = name == "split" ? 2 : name.hasPrefix("sub") ? 3 : 1
                var rest = Array(args.dropFirst())
                var flags = kw.first { $0.0 == "flags" }?.1
                if rest.count > own { flags = rest[own]; rest = Array(rest.prefix(own)) }
                let pattern = try RegexPattern.make(p, flags)
                return try pattern.method(name)(rest, kw.filter { $0.0 != "flags" }, i)
            }
        }
        a["escape"] = fn("escape") { args, _, _ throws(PyError) in
            guard case .str(let s)? = args.first else { throw .typeError("escape() argument must be str") }
            var out = ""
            for u in s.unicodeScalars {
                let c = Character(u)
                if u.isASCII && !(c.isLetter || c.isNumber || c == "_") { out.append("\\") }
                out.unicodeScalars.append(u)
            }
            return .str(out)
        }
        return Namespace("re", a)
    }()
}

/// A compiled pattern (`re.compile`), also behind the module-level functions.
final class RegexPattern: PyObject {
    let source: String
    let flags: Int
    let regex: NSRegularExpression

    init(_ source: String, _ flags: Int, _ regex: NSRegularExpression) { self.source = source; self.flags = flags; self.regex = regex }

    static func make(_ p: PyValue, _ f: PyValue?) throws(PyError) -> RegexPattern {
        if case .object(let r as RegexPattern) = p { return r }
        guard case .str(let s) = p else { throw .typeError("first argument must be string or compiled pattern") }
        let flags = f?.asIndex ?? 0
        if flags & ~(2 | 8 | 16 | 32) != 0 { throw PyError(type: "NotImplementedError", message: "MiniPy does not support these re flags yet") }
        if s.contains("(?P") || s.contains("(?<") || s.contains("(?#") {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support named groups, lookbehind or comments in re patterns yet")
        }
        var options: NSRegularExpression.Options = [.useUnixLineSeparators]   // only \n ends a line, as in Python
        if flags & 2 != 0 { options.insert(.caseInsensitive) }
        if flags & 8 != 0 { options.insert(.anchorsMatchLines) }
        if flags & 16 != 0 { options.insert(.dotMatchesLineSeparators) }
        guard let r = try? NSRegularExpression(pattern: s, options: options) else {
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support the re pattern \(pyStrRepr(s)) yet")
        }
        return RegexPattern(s, flags, r)
    }

    override var typeName: String { "re.Pattern" }
    override func repr(_ interp: Interpreter) -> String {
        let names = [(2, "re.IGNORECASE"), (8, "re.MULTILINE"), (16, "re.DOTALL")].filter { flags & $0.0 != 0 }.map(\.1)
        return "re.compile(\(pyStrRepr(source))" + (names.isEmpty ? "" : ", " + names.joined(separator: "|")) + ")"
    }

    func matches(_ s: String, anchored: Bool = false) -> [NSTextCheckingResult] {
        let ns = s as NSString
        return regex.matches(in: s, options: anchored ? [.anchored] : [], range: NSRange(location: 0, length: ns.length))
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "pattern": return .str(source)
        case "flags": return .int(flags | 32)
        case "groups": return .int(regex.numberOfCaptureGroups)
        case "match", "search", "fullmatch", "findall", "finditer", "split", "sub", "subn":
            return .object(Builtin(name, method: true, method(name)))
        default: return nil
        }
    }

    func method(_ name: String) -> ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue {
        { args, kw, interp throws(PyError) in
            func text(_ v: PyValue?) throws(PyError) -> String {
                guard case .str(let s)? = v else { throw .typeError("expected string or bytes-like object, got '\(v?.typeName ?? "NoneType")'") }
                return s
            }
            switch name {
            case "match", "search", "fullmatch":
                let b = try bind(name, ["string"], required: 1, args, kw, isMethod: true)
                let s = try text(b[0])
                let ns = s as NSString
                let found = self.matches(s, anchored: name != "search").first { m in
                    name != "fullmatch" || (m.range.location == 0 && m.range.length == ns.length)
                }
                guard let m = found else {
                    if name == "fullmatch", let whole = self.fullMatch(s) { return .object(RegexMatch(whole, s, self)) }
                    return .none
                }
                return .object(RegexMatch(m, s, self))
            case "findall", "finditer":
                let b = try bind(name, ["string"], required: 1, args, kw, isMethod: true)
                let s = try text(b[0])
                let found = self.matches(s)
                if name == "finditer" { return .object(IterableObject("callable_iterator", found.map { .object(RegexMatch($0, s, self)) })) }
                let groups = self.regex.numberOfCaptureGroups
                return .list(PyList(found.map { m in
                    let match = RegexMatch(m, s, self)
                    if groups == 0 { return match.group(0) }
                    if groups == 1 { return match.group(1, missing: .str("")) }
                    return .tuple((1...groups).map { match.group($0, missing: .str("")) })
                }))
            case "split":
                let b = try bind("split", ["string", "maxsplit"], required: 1, args, kw, isMethod: true)
                let s = try text(b[0])
                let maxsplit = b[1]?.asIndex ?? 0
                var out: [PyValue] = []
                var last = s.startIndex
                var count = 0
                for m in self.matches(s) {
                    if maxsplit > 0 && count >= maxsplit { break }
                    guard let r = Range(m.range, in: s) else { continue }
                    out.append(.str(String(s[last..<r.lowerBound])))
                    let match = RegexMatch(m, s, self)
                    for g in 0..<self.regex.numberOfCaptureGroups { out.append(match.group(g + 1)) }
                    last = r.upperBound
                    count += 1
                }
                out.append(.str(String(s[last...])))
                return .list(PyList(out))
            default:   // sub, subn
                let b = try bind(name, ["repl", "string", "count"], required: 2, args, kw, isMethod: true)
                let s = try text(b[1])
                let limit = b[2]?.asIndex ?? 0
                var out = ""
                var last = s.startIndex
                var n = 0
                for m in self.matches(s) {
                    if limit > 0 && n >= limit { break }
                    guard let r = Range(m.range, in: s) else { continue }
                    out += s[last..<r.lowerBound]
                    let match = RegexMatch(m, s, self)
                    switch b[0]! {
                    case .str(let template): out += try match.expand(template)
                    case let f:
                        let v = try interp.call(f, [.object(match)], [])
                        guard case .str(let piece) = v else { throw .typeError("expected str instance, \(v.typeName) found") }
                        out += piece
                    }
                    last = r.upperBound
                    n += 1
                }
                out += s[last...]
                return name == "subn" ? .tuple([.str(out), .int(n)]) : .str(out)
            }
        }
    }

    /// fullmatch when the first anchored match is shorter than the string: ICU's `^(?:…)$` over the whole text.
    func fullMatch(_ s: String) -> NSTextCheckingResult? {
        guard let whole = try? NSRegularExpression(pattern: "^(?:" + source + ")$", options: regex.options) else { return nil }
        let ns = s as NSString
        return whole.firstMatch(in: s, options: [], range: NSRange(location: 0, length: ns.length))
    }
}

/// A match (`re.Match`): its groups, as Python gives them.
final class RegexMatch: PyObject {
    let result: NSTextCheckingResult
    let text: String
    let pattern: RegexPattern
    init(_ result: NSTextCheckingResult, _ text: String, _ pattern: RegexPattern) { self.result = result; self.text = text; self.pattern = pattern }

    override var typeName: String { "re.Match" }

    /// Python's position of a UTF-16 offset (code points before it).
    func position(_ utf16: Int) -> Int {
        let idx = String.Index(utf16Offset: utf16, in: text)
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: idx)
    }

    func group(_ k: Int, missing: PyValue = .none) -> PyValue {
        guard k <= pattern.regex.numberOfCaptureGroups else { return .none }
        let r = result.range(at: k)
        guard r.location != NSNotFound, let range = Range(r, in: text) else { return missing }
        return .str(String(text[range]))
    }

    override func repr(_ interp: Interpreter) -> String {
        let (a, b) = (position(result.range.location), position(result.range.location + result.range.length))
        return "<re.Match object; span=(\(a), \(b)), match=\(interp.repr(group(0)))>"
    }

    /// A replacement template: `\1`…`\99`, `\g<n>`, and the escapes Python's template takes.
    func expand(_ template: String) throws(PyError) -> String {
        var out = ""
        var chars = Array(template)[...]
        while let c = chars.popFirst() {
            guard c == "\\", let d = chars.popFirst() else { out.append(c); continue }
            if d.isNumber, let v = d.wholeNumberValue {
                var n = v
                if let e = chars.first, let w = e.wholeNumberValue, e.isASCII { n = n * 10 + w; chars.removeFirst() }
                guard n <= pattern.regex.numberOfCaptureGroups else { throw PyError(type: "NotImplementedError", message: "MiniPy does not support re templates naming a group the pattern lacks yet") }
                if case .str(let g) = group(n, missing: .str("")) { out += g }
            } else if d == "g", chars.first == "<" {
                chars.removeFirst()
                let name = String(chars.prefix { $0 != ">" })
                chars = chars.dropFirst(name.count + 1)
                guard let n = Int(name) else { throw PyError(type: "NotImplementedError", message: "MiniPy does not support named groups in re templates yet") }
                if case .str(let g) = group(n, missing: .str("")) { out += g }
            } else {
                switch d {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\\": out.append("\\")
                default: out.append("\\"); out.append(d)
                }
            }
        }
        return out
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "group":
            return .object(Builtin("group", method: true) { a, _, _ throws(PyError) in
                let ks = a.isEmpty ? [PyValue.int(0)] : a
                let values = try ks.map { (k: PyValue) throws(PyError) -> PyValue in
                    guard let n = k.asIndex, n >= 0, n <= self.pattern.regex.numberOfCaptureGroups else { throw .indexError("no such group") }
                    return self.group(n)
                }
                return values.count == 1 ? values[0] : .tuple(values)
            })
        case "groups":
            return .object(Builtin("groups", method: true) { _, _, _ throws(PyError) in
                .tuple((0..<self.pattern.regex.numberOfCaptureGroups).map { self.group($0 + 1) })
            })
        case "start", "end", "span":
            return .object(Builtin(name, method: true) { a, _, _ throws(PyError) in
                let k = a.first?.asIndex ?? 0
                let r = self.result.range(at: k)
                if r.location == NSNotFound { return name == "span" ? .tuple([.int(-1), .int(-1)]) : .int(-1) }
                let (s, e) = (self.position(r.location), self.position(r.location + r.length))
                return name == "start" ? .int(s) : name == "end" ? .int(e) : .tuple([.int(s), .int(e)])
            })
        case "string": return .str(text)
        case "re": return .object(pattern)
        default: return nil
        }
    }
}
