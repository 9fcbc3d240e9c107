import Foundation
import CHeap

/// `str`'s methods as CPython 3.11 has them, on code points (Python's `len` and indices count Unicode scalars, not
/// Swift's grapheme clusters). Searching works on UTF-8 bytes with `memmem` (linear time), so `find`, `count`,
/// `replace` and `split` stay fast on long strings.
extension Interpreter {
    func strMethod(_ s: String, _ name: String) -> PyValue? {
        func m(_ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
            method(name) { a, k, i throws(PyError) in try body(a, k, i) }
        }
        func noArgs(_ a: [PyValue]) throws(PyError) {
            if !a.isEmpty { throw .typeError("str.\(name)() takes no arguments (\(a.count) given)") }
        }
        switch name {
        case "upper": return m { a, _, _ throws(PyError) in try noArgs(a); return .str(s.uppercased()) }
        case "lower": return m { a, _, _ throws(PyError) in try noArgs(a); return .str(s.lowercased()) }
        case "casefold": return m { a, _, _ throws(PyError) in try noArgs(a); return .str(s.lowercased()) }
        case "swapcase":
            return m { _, _, _ throws(PyError) in
                .str(String(s.map { c -> String in c.isUppercase ? c.lowercased() : c.isLowercase ? c.uppercased() : String(c) }.joined()))
            }
        case "title":
            return m { _, _, _ throws(PyError) in
                var out = ""
                var previousCased = false
                for c in s {
                    out += previousCased ? c.lowercased() : c.uppercased()
                    previousCased = c.isCased
                }
                return .str(out)
            }
        case "capitalize":
            return m { _, _, _ throws(PyError) in .str(s.prefix(1).uppercased() + s.dropFirst().lowercased()) }
        case "strip", "lstrip", "rstrip":
            return m { a, _, _ throws(PyError) in
                var chars: Set<Unicode.Scalar>? = nil
                if case .str(let c)? = a.first { chars = Set(c.unicodeScalars) }
                else if let v = a.first, !v.isNone { throw .typeError("\(name) arg must be None or str") }
                func strip(_ u: Unicode.Scalar) -> Bool { chars.map { $0.contains(u) } ?? u.properties.isWhitespace }
                var u = Substring(s).unicodeScalars[...]
                if name != "rstrip" { while let f = u.first, strip(f) { u = u.dropFirst() } }
                if name != "lstrip" { while let l = u.last, strip(l) { u = u.dropLast() } }
                return .str(String(String.UnicodeScalarView(u)))
            }
        case "split", "rsplit":
            return m { a, k, i throws(PyError) in
                let b = try bind(name, ["sep", "maxsplit"], required: 0, a, k, isMethod: true)
                let maxsplit = try b[1].map { v throws(PyError) -> Int in
                    guard let n = v.asIndex else { throw v.notAnIndex("'\(v.typeName)' object cannot be interpreted as an integer") }
                    return n
                } ?? -1
                if let sepValue = b[0], !sepValue.isNone {
                    guard case .str(let sep) = sepValue else { throw .typeError("must be str or None, not \(sepValue.typeName)") }
                    if sep.isEmpty { throw .valueError("empty separator") }
                    var parts = try i.splitBytes(s, sep, maxsplit: maxsplit, fromRight: name == "rsplit")
                    try i.checkElements(parts.count, size: 16)
                    if name == "rsplit" { parts.reverse() }
                    return .list(PyList(parts.map { .str($0) }))
                }
                var words = s.unicodeScalars.split(omittingEmptySubsequences: true) { $0.properties.isWhitespace }
                    .map { String(String.UnicodeScalarView($0)) }
                if maxsplit >= 0 && words.count > maxsplit + 1 {
                    // The rest after maxsplit splits keeps its inner whitespace.
                    let u = Array(s.unicodeScalars)
                    if name == "split" {
                        var k = 0, count = 0
                        var out: [String] = []
                        while k < u.count && count < maxsplit {
                            while k < u.count && u[k].properties.isWhitespace { k += 1 }
                            var e = k
                            while e < u.count && !u[e].properties.isWhitespace { e += 1 }
                            out.append(String(String.UnicodeScalarView(u[k..<e]))); count += 1; k = e
                        }
                        while k < u.count && u[k].properties.isWhitespace { k += 1 }
                        var e = u.count
                        while e > k && u[e - 1].properties.isWhitespace { e -= 1 }
                        if k < e { out.append(String(String.UnicodeScalarView(u[k..<e]))) }
                        words = out
                    } else {
                        var e = u.count, count = 0
                        var out: [String] = []
                        while e > 0 && count < maxsplit {
                            while e > 0 && u[e - 1].properties.isWhitespace { e -= 1 }
                            var k = e
                            while k > 0 && !u[k - 1].properties.isWhitespace { k -= 1 }
                            out.append(String(String.UnicodeScalarView(u[k..<e]))); count += 1; e = k
                        }
                        var k = 0
                        while k < e && u[k].properties.isWhitespace { k += 1 }
                        while e > k && u[e - 1].properties.isWhitespace { e -= 1 }
                        if k < e { out.append(String(String.UnicodeScalarView(u[k..<e]))) }
                        words = out.reversed()
                    }
                }
                try i.checkElements(words.count, size: 16)
                return .list(PyList(words.map { .str($0) }))
            }
        case "splitlines":
            return m { a, k, _ throws(PyError) in
                let b = try bind("splitlines", ["keepends"], required: 0, a, k, isMethod: true)
                let keep = try b[0]?.truthy() ?? false
                var out: [PyValue] = []
                var line = String.UnicodeScalarView()
                let u = Array(s.unicodeScalars)
                var k = 0
                while k < u.count {
                    let c = u[k]
                    let breaks: Set<UInt32> = [0x0A, 0x0D, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
                    if breaks.contains(c.value) {
                        var end = String.UnicodeScalarView([c])
                        if c == "\r", k + 1 < u.count, u[k + 1] == "\n" { end.append("\n"); k += 1 }
                        out.append(.str(String(line) + (keep ? String(end) : "")))
                        line = String.UnicodeScalarView()
                    } else {
                        line.append(c)
                    }
                    k += 1
                }
                if !line.isEmpty { out.append(.str(String(line))) }
                return .list(PyList(out))
            }
        case "join":
            return m { a, _, i throws(PyError) in
                guard a.count == 1 else { throw .typeError("str.join() takes exactly one argument (\(a.count) given)") }
                var parts: [String] = []
                var total = 0
                var k = 0
                try i.forEach(a[0]) { (x: PyValue) throws(PyError) -> Bool in
                    guard case .str(let p) = x else { throw .typeError("sequence item \(k): expected str instance, \(x.typeName) found") }
                    total += p.utf8.count + s.utf8.count
                    if k & 255 == 0 { try i.charge(bytes: total); try i.pulse() }
                    parts.append(p)
                    k += 1
                    return true
                }
                try i.checkElements(total, size: 1)
                return .str(parts.joined(separator: s))
            }
        case "replace":
            return m { a, _, i throws(PyError) in
                guard a.count >= 2 else { throw .typeError("replace expected at least 2 arguments, got \(a.count)") }
                guard case .str(let old) = a[0] else { throw .typeError("replace() argument 1 must be str, not \(a[0].typeName)") }
                guard case .str(let new) = a[1] else { throw .typeError("replace() argument 2 must be str, not \(a[1].typeName)") }
                var count = -1
                if a.count > 2 { guard let c = a[2].asIndex else { throw a[2].notAnIndex("'\(a[2].typeName)' object cannot be interpreted as an integer") }; count = c }
                return .str(try i.replaceBytes(s, old, new, count: count))
            }
        case "startswith", "endswith":
            return m { a, _, i throws(PyError) in
                guard let first = a.first else { throw .typeError("\(name)() takes at least 1 argument (0 given)") }
                let u = Array(s.unicodeScalars)
                let (lo, hi) = try i.sliceBounds(a, 1, u.count)
                let part = lo <= hi ? String(String.UnicodeScalarView(u[lo..<hi])) : ""
                var options: [PyValue] = [first]
                if case .tuple(let t) = first { options = t }
                for o in options {
                    guard case .str(let x) = o else {
                        throw .typeError("\(name) first arg must be str or a tuple of str, not \(o.typeName)")
                    }
                    if lo > u.count { continue }
                    if name == "startswith" ? part.unicodeScalars.starts(with: x.unicodeScalars) : part.unicodeScalars.reversed().starts(with: x.unicodeScalars.reversed()) { return .bool(true) }
                }
                return .bool(false)
            }
        case "find", "rfind", "index", "rindex", "count":
            return m { a, _, i throws(PyError) in
                guard let first = a.first else { throw .typeError("\(name)() takes at least 1 argument (0 given)") }
                guard case .str(let sub) = first else { throw .typeError("must be str, not \(first.typeName)") }
                let n = s.unicodeScalars.count
                let (lo, hi) = try i.sliceBounds(a, 1, n)
                if name == "count" { return .int(i.countOccurrences(s, sub, lo, hi)) }
                let r = i.findScalar(s, sub, lo, hi, fromRight: name.hasPrefix("r"))
                if r < 0 && name.hasSuffix("index") { throw .valueError("substring not found") }
                return .int(r)
            }
        case "center", "ljust", "rjust":
            return m { a, _, _ throws(PyError) in
                guard a.count == 1 || a.count == 2 else { throw .typeError("\(name) expected 1 argument, got \(a.count)") }
                guard let width = a[0].asIndex else { throw a[0].notAnIndex("'\(a[0].typeName)' object cannot be interpreted as an integer") }
                var fill: Character = " "
                if a.count == 2 {
                    guard case .str(let f) = a[1], f.unicodeScalars.count == 1 else {
                        throw .typeError("The fill character must be exactly one character long")
                    }
                    fill = f.first!
                }
                let len = s.unicodeScalars.count
                guard width > len else { return .str(s) }
                let marg = width - len
                switch name {
                case "ljust": return .str(s + String(repeating: fill, count: marg))
                case "rjust": return .str(String(repeating: fill, count: marg) + s)
                default:
                    let left = marg / 2 + (marg & width & 1)
                    return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: marg - left))
                }
            }
        case "zfill":
            return m { a, _, _ throws(PyError) in
                guard a.count == 1, let width = a[0].asIndex else { throw .typeError("zfill() takes exactly one argument (\(a.count) given)") }
                let len = s.unicodeScalars.count
                guard width > len else { return .str(s) }
                var body = Substring(s)
                var sign = ""
                if let f = body.first, f == "+" || f == "-" { sign = String(f); body = body.dropFirst() }
                return .str(sign + String(repeating: "0", count: width - len) + body)
            }
        case "partition", "rpartition":
            return m { a, _, i throws(PyError) in
                guard a.count == 1, case .str(let sep) = a[0] else { throw .typeError("must be str, not \(a.first?.typeName ?? "nothing")") }
                if sep.isEmpty { throw .valueError("empty separator") }
                let u = Array(s.unicodeScalars)
                let k = i.findScalar(s, sep, 0, u.count, fromRight: name == "rpartition")
                if k < 0 { return name == "partition" ? .tuple([.str(s), .str(""), .str("")]) : .tuple([.str(""), .str(""), .str(s)]) }
                let n = sep.unicodeScalars.count
                return .tuple([.str(String(String.UnicodeScalarView(u[..<k]))), .str(sep), .str(String(String.UnicodeScalarView(u[(k + n)...])))])
            }
        case "removeprefix", "removesuffix":
            return m { a, _, _ throws(PyError) in
                guard a.count == 1, case .str(let x) = a[0] else { throw .typeError("\(name)() argument must be str, not \(a.first?.typeName ?? "nothing")") }
                if name == "removeprefix", s.unicodeScalars.starts(with: x.unicodeScalars) {
                    return .str(String(String.UnicodeScalarView(s.unicodeScalars.dropFirst(x.unicodeScalars.count))))
                }
                if name == "removesuffix", !x.isEmpty, s.unicodeScalars.reversed().starts(with: x.unicodeScalars.reversed()) {
                    return .str(String(String.UnicodeScalarView(s.unicodeScalars.dropLast(x.unicodeScalars.count))))
                }
                return .str(s)
            }
        case "expandtabs":
            return m { a, _, _ throws(PyError) in
                let size = a.first?.asIndex ?? 8
                var out = "", col = 0
                for u in s.unicodeScalars {
                    if u == "\t" {
                        if size > 0 { let n = size - col % size; out += String(repeating: " ", count: n); col += n }
                    } else {
                        out.unicodeScalars.append(u)
                        col = u == "\n" || u == "\r" ? 0 : col + 1
                    }
                }
                return .str(out)
            }
        case "encode":
            return m { _, _, _ throws(PyError) in .object(BytesObject(Array(s.utf8))) }
        case "isdigit", "isnumeric", "isdecimal":
            return m { _, _, _ throws(PyError) in
                .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { u in
                    switch u.properties.numericType {
                    case .decimal?: true
                    case .digit?: name != "isdecimal"
                    case .numeric?: name == "isnumeric"
                    default: false
                    }
                })
            }
        case "isalpha": return m { _, _, _ throws(PyError) in .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }) }
        case "isalnum":
            return m { _, _, _ throws(PyError) in
                .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            }
        case "isspace": return m { _, _, _ throws(PyError) in .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isWhitespace }) }
        case "isascii": return m { _, _, _ throws(PyError) in .bool(s.unicodeScalars.allSatisfy(\.isASCII)) }
        case "islower": return m { _, _, _ throws(PyError) in .bool(s.contains(where: \.isCased) && s == s.lowercased()) }
        case "isupper": return m { _, _, _ throws(PyError) in .bool(s.contains(where: \.isCased) && s == s.uppercased()) }
        case "istitle":
            return m { _, _, _ throws(PyError) in
                var previousCased = false, any = false
                for c in s {
                    if c.isUppercase { if previousCased { return .bool(false) }; any = true }
                    else if c.isLowercase { if !previousCased { return .bool(false) }; any = true }
                    previousCased = c.isCased
                }
                return .bool(any)
            }
        case "isidentifier":
            return m { _, _, _ throws(PyError) in
                let u = Array(s.unicodeScalars)
                return .bool(!u.isEmpty && isIdentifierStart(u[0]) && u.dropFirst().allSatisfy(isIdentifierContinue))
            }
        case "isprintable":
            return m { _, _, _ throws(PyError) in
                .bool(s.unicodeScalars.allSatisfy { u in u == " " || !(u.properties.generalCategory == .control || u.properties.isWhitespace) })
            }
        case "format":
            return m { a, k, i throws(PyError) in try i.formatString(s, a, k) }
        case "format_map":
            return m { a, _, i throws(PyError) in
                guard case .dict(let d)? = a.first else { throw .typeError("format_map() takes exactly one argument") }
                var kw: [(String, PyValue)] = []
                for (key, v) in zip(d.keys, d.values) { if case .str(let ks) = key { kw.append((ks, v)) } }
                return try i.formatString(s, [], kw)
            }
        case "maketrans", "translate":
            return m { _, _, _ throws(PyError) in throw PyError(type: "NotImplementedError", message: "MiniPy does not support str.\(name) yet") }
        default: return nil
        }
    }

    /// `start`/`end` arguments of find, count, startswith…, normalised as slice indices.
    func sliceBounds(_ a: [PyValue], _ from: Int, _ n: Int) throws(PyError) -> (Int, Int) {
        func idx(_ k: Int, _ d: Int) throws(PyError) -> Int {
            guard k < a.count, !a[k].isNone else { return d }
            guard let v = a[k].asIndex else { throw .typeError("slice indices must be integers or None or have an __index__ method") }
            return v < 0 ? max(0, v + n) : v
        }
        let lo = try idx(from, 0), hi = min(try idx(from + 1, n), n)
        return (lo, hi)
    }

    /// Byte offsets of `sub` in `s` (non-overlapping, from the left), found with memmem.
    func byteOccurrences(_ s: [UInt8], _ sub: [UInt8], limit: Int = Int.max) -> [Int] {
        var out: [Int] = []
        guard !sub.isEmpty, sub.count <= s.count else { return out }
        s.withUnsafeBytes { hay in
            sub.withUnsafeBytes { needle in
                var k = 0
                while k <= s.count - sub.count, out.count < limit {
                    guard let p = cheap_find(hay.baseAddress! + k, s.count - k, needle.baseAddress!, sub.count) else { break }
                    let at = hay.baseAddress!.distance(to: UnsafeRawPointer(p))
                    out.append(at)
                    k = at + sub.count
                }
            }
        }
        return out
    }

    /// `str.find`/`rfind` within scalars `lo..<hi`: the scalar index, or -1.
    func findScalar(_ s: String, _ sub: String, _ lo: Int, _ hi: Int, fromRight: Bool) -> Int {
        let scalars = Array(s.unicodeScalars)
        let n = sub.unicodeScalars.count
        guard lo <= hi, hi - lo >= n, lo <= scalars.count else { return -1 }
        if n == 0 { return fromRight ? hi : lo }
        let window = Array(String(String.UnicodeScalarView(scalars[lo..<hi])).utf8)
        let hits = byteOccurrences(window, Array(sub.utf8), limit: fromRight ? Int.max : 1)
        guard let byte = fromRight ? lastOverlapping(window, Array(sub.utf8)) : hits.first else { return -1 }
        return lo + String(decoding: window[..<byte], as: UTF8.self).unicodeScalars.count
    }

    private func lastOverlapping(_ hay: [UInt8], _ sub: [UInt8]) -> Int? {
        guard sub.count <= hay.count else { return nil }
        var k = hay.count - sub.count
        while k >= 0 {
            if hay[k] == sub[0], Array(hay[k..<(k + sub.count)]) == sub { return k }
            k -= 1
        }
        return nil
    }

    func countOccurrences(_ s: String, _ sub: String, _ lo: Int, _ hi: Int) -> Int {
        let scalars = Array(s.unicodeScalars)
        guard lo <= hi, lo <= scalars.count else { return 0 }
        if sub.isEmpty { return hi - lo + 1 }
        let window = Array(String(String.UnicodeScalarView(scalars[lo..<hi])).utf8)
        return byteOccurrences(window, Array(sub.utf8)).count
    }

    func splitBytes(_ s: String, _ sep: String, maxsplit: Int, fromRight: Bool) throws(PyError) -> [String] {
        let bytes = Array(s.utf8), sepBytes = Array(sep.utf8)
        var hits = byteOccurrences(bytes, sepBytes)
        if maxsplit >= 0 && hits.count > maxsplit {
            hits = fromRight ? Array(hits.suffix(maxsplit)) : Array(hits.prefix(maxsplit))
        }
        var parts: [String] = []
        var start = 0
        for h in hits {
            parts.append(String(decoding: bytes[start..<h], as: UTF8.self))
            start = h + sepBytes.count
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return fromRight ? parts.reversed() : parts
    }

    func replaceBytes(_ s: String, _ old: String, _ new: String, count: Int) throws(PyError) -> String {
        if old.isEmpty {
            // Python inserts `new` between every character (and at both ends).
            var out = new
            var k = 0
            for u in s.unicodeScalars {
                if count >= 0 && k >= count { out.unicodeScalars.append(u); continue }
                out.unicodeScalars.append(u); out += new; k += 1
            }
            if count >= 0 && count <= s.unicodeScalars.count { return count == 0 ? s : out }
            return out
        }
        let bytes = Array(s.utf8), oldBytes = Array(old.utf8), newBytes = Array(new.utf8)
        let hits = byteOccurrences(bytes, oldBytes, limit: count < 0 ? Int.max : count)
        try checkElements(bytes.count + hits.count * max(0, newBytes.count - oldBytes.count), size: 1)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = 0
        for h in hits { out += bytes[start..<h]; out += newBytes; start = h + oldBytes.count }
        out += bytes[start...]
        return String(decoding: out, as: UTF8.self)
    }
}
