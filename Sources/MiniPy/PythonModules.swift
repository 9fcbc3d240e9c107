import Foundation

/// The parts of Python's standard library learners' programs import: `math`, `string`, `collections`
/// (`defaultdict`, `Counter`, `OrderedDict`, `namedtuple`-free), `itertools`, `functools`, `typing` (names only:
/// PythonTyping.swift). Anything else from them is
/// a NotImplementedError naming it.
enum PythonModules {
    /// `sys.stdlib_module_names` of CPython 3.11 (without the private ones): importing one MiniPy lacks is a
    /// NotImplementedError, never a ModuleNotFoundError CPython would not raise.
    static let standardLibrary: Set<String> = Set("""
        abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
        """.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })

    /// What `pip install torch` (2.15, with numpy) puts beside it: importing one is no ModuleNotFoundError
    /// under the real interpreter either, so MiniPy owns up to lacking it.
    static let installedWithTorch: Set<String> = [
        "numpy", "sympy", "mpmath", "networkx", "jinja2", "markupsafe", "fsspec", "filelock", "typing_extensions",
        "triton", "functorch", "torchgen", "setuptools", "pip", "isympy",
    ]

    static func module(_ name: String) -> PyValue? {
        switch name {
        case "math": return .object(math)
        case "string": return .object(string)
        case "collections": return .object(collections)
        case "itertools": return .object(itertools)
        case "functools": return .object(functools)
        case "random": return .object(random)
        case "typing": return .object(typing)
        case "unicodedata": return .object(unicodedata)
        case "__future__": return .object(future)
        case "io": return .object(io)
        case "re": return .object(re)
        default: return nil
        }
    }

    static func fn(_ name: String, _ body: @escaping ([PyValue], [(String, PyValue)], Interpreter) throws(PyError) -> PyValue) -> PyValue {
        Builtins.fn(name, body)
    }

    static func real(_ v: PyValue?, _ i: Interpreter) throws(PyError) -> Double {
        guard let v else { throw .typeError("function missing required argument 'x' (pos 1)") }
        if let d = v.asDouble { return d }
        if case .tensor(let t) = v, let d = try t.pythonFloat().asDouble { return d }
        if let m = try i.special(v, "__float__") { if case .float(let f) = try i.call(m, [], []) { return f } }
        throw .typeError("must be real number, not \(v.typeName)")
    }

    static func unary(_ name: String, domain: ((Double) -> Bool)? = nil, _ f: @escaping (Double) -> Double) -> (String, PyValue) {
        (name, fn(name) { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("math.\(name)() takes exactly one argument (\(a.count) given)") }
            let x = try real(a[0], i)
            if let domain, !domain(x) { throw .valueError("math domain error") }
            let r = f(x)
            if r.isInfinite && x.isFinite { throw PyError(type: "OverflowError", message: "math range error") }
            return .float(r)
        })
    }

    static func intResult(_ name: String, _ f: @escaping (Double) -> Double) -> (String, PyValue) {
        (name, fn(name) { a, _, i throws(PyError) in
            guard a.count == 1 else { throw .typeError("math.\(name)() takes exactly one argument (\(a.count) given)") }
            if case .int(let n) = a[0] { return .int(n) }
            if case .bool(let b) = a[0] { return .int(b ? 1 : 0) }
            return .int(try i.floatToInt(f(try real(a[0], i))))
        })
    }

    nonisolated(unsafe) static let math: Namespace = {
        var a: [String: PyValue] = ["pi": .float(Double.pi), "e": .float(M_E), "tau": .float(2 * Double.pi),
                                    "inf": .float(.infinity), "nan": .float(.nan)]
        for (n, v) in [
            unary("sqrt", domain: { $0 >= 0 }, Foundation.sqrt), unary("exp", Foundation.exp),
            unary("log2", domain: { $0 > 0 }, Foundation.log2), unary("log10", domain: { $0 > 0 }, Foundation.log10),
            unary("log1p", domain: { $0 > -1 }, Foundation.log1p), unary("expm1", Foundation.expm1),
            unary("sin", domain: { $0.isFinite }, Foundation.sin), unary("cos", domain: { $0.isFinite }, Foundation.cos),
            unary("tan", domain: { $0.isFinite }, Foundation.tan),
            unary("asin", domain: { abs($0) <= 1 }, Foundation.asin), unary("acos", domain: { abs($0) <= 1 }, Foundation.acos),
            unary("atan", Foundation.atan), unary("sinh", Foundation.sinh), unary("cosh", Foundation.cosh),
            unary("tanh", Foundation.tanh), unary("asinh", Foundation.asinh),
            unary("acosh", domain: { $0 >= 1 }, Foundation.acosh), unary("atanh", domain: { abs($0) < 1 }, Foundation.atanh),
            unary("cbrt", Foundation.cbrt), unary("exp2", Foundation.exp2), unary("fabs", Swift.abs), unary("degrees", { $0 * 180 / .pi }),
            unary("radians", { $0 * .pi / 180 }), unary("erf", Foundation.erf), unary("erfc", Foundation.erfc),
            unary("gamma", domain: { !($0 <= 0 && $0 == $0.rounded()) }, Foundation.tgamma),
            unary("lgamma", Foundation.lgamma),
            intResult("floor", { $0.rounded(.down) }), intResult("ceil", { $0.rounded(.up) }),
            intResult("trunc", { $0.rounded(.towardZero) }),
        ] { a[n] = v }
        a["log"] = fn("log") { args, _, i throws(PyError) in
            guard args.count == 1 || args.count == 2 else { throw .typeError("log expected 1 or 2 arguments, got \(args.count)") }
            let x = try real(args[0], i)
            guard x > 0 else { throw .valueError("math domain error") }
            if args.count == 2 {
                let b = try real(args[1], i)
                guard b > 0 else { throw .valueError("math domain error") }
                if b == 1 { throw PyError(type: "ZeroDivisionError", message: "float division by zero") }
                return .float(Foundation.log(x) / Foundation.log(b))
            }
            return .float(Foundation.log(x))
        }
        a["pow"] = fn("pow") { args, _, i throws(PyError) in
            guard args.count == 2 else { throw .typeError("pow expected 2 arguments, got \(args.count)") }
            let x = try real(args[0], i), y = try real(args[1], i)
            if x == 0 && y < 0 { throw .valueError("math domain error") }
            if x < 0 && y != y.rounded() { throw .valueError("math domain error") }
            return .float(Foundation.pow(x, y))
        }
        a["atan2"] = fn("atan2") { args, _, i throws(PyError) in
            guard args.count == 2 else { throw .typeError("atan2 expected 2 arguments, got \(args.count)") }
            return .float(Foundation.atan2(try real(args[0], i), try real(args[1], i)))
        }
        a["hypot"] = fn("hypot") { args, _, i throws(PyError) in
            var s = 0.0
            for x in args { let d = try real(x, i); s += d * d }
            return .float(s.squareRoot())
        }
        a["copysign"] = fn("copysign") { args, _, i throws(PyError) in
            guard args.count == 2 else { throw .typeError("copysign expected 2 arguments, got \(args.count)") }
            return .float(Foundation.copysign(try real(args[0], i), try real(args[1], i)))
        }
        a["fmod"] = fn("fmod") { args, _, i throws(PyError) in
            guard args.count == 2 else { throw .typeError("fmod expected 2 arguments, got \(args.count)") }
            let y = try real(args[1], i)
            if y == 0 { throw .valueError("math domain error") }
            return .float(Foundation.fmod(try real(args[0], i), y))
        }
        for (n, test) in [("isnan", { (d: Double) in d.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite })] {
            a[n] = fn(n) { args, _, i throws(PyError) in .bool(test(try real(args.first, i))) }
        }
        a["isclose"] = fn("isclose") { args, k, i throws(PyError) in
            let b = try bind("isclose", ["a", "b", "rel_tol", "abs_tol"], required: 2, args, k)
            let x = try real(b[0], i), y = try real(b[1], i)
            let rel = try b[2].map { v throws(PyError) in try real(v, i) } ?? 1e-9, absTol = try b[3].map { v throws(PyError) in try real(v, i) } ?? 0
            if x == y { return .bool(true) }
            if x.isInfinite || y.isInfinite { return .bool(false) }
            let diff = Swift.abs(x - y)
            return .bool(diff <= Swift.abs(rel * y) || diff <= Swift.abs(rel * x) || diff <= absTol)
        }
        a["factorial"] = fn("factorial") { args, _, _ throws(PyError) in
            guard let n = args.first?.asIndex else { throw .typeError("'\(args.first?.typeName ?? "nothing")' object cannot be interpreted as an integer") }
            if n < 0 { throw .valueError("factorial() not defined for negative values") }
            var r = 1
            for k in stride(from: 2, through: n, by: 1) {
                let (v, o) = r.multipliedReportingOverflow(by: k)
                if o { throw Lexer.bigInt(0) }
                r = v
            }
            return .int(r)
        }
        a["gcd"] = fn("gcd") { args, _, _ throws(PyError) in
            var g = 0
            for x in args {
                guard var b = x.asIndex else { throw x.notAnIndex("'\(x.typeName)' object cannot be interpreted as an integer") }
                b = Swift.abs(b)
                var aa = g
                while b != 0 { (aa, b) = (b, aa % b) }
                g = aa
            }
            return .int(g)
        }
        a["lcm"] = fn("lcm") { args, _, _ throws(PyError) in
            var l = 1
            for x in args {
                guard let b = x.asIndex else { throw x.notAnIndex("'\(x.typeName)' object cannot be interpreted as an integer") }
                if b == 0 { return .int(0) }
                var (p, q) = (Swift.abs(l), Swift.abs(b))
                while q != 0 { (p, q) = (q, p % q) }
                let (v, o) = (Swift.abs(l) / p).multipliedReportingOverflow(by: Swift.abs(b))
                if o { throw Lexer.bigInt(0) }
                l = v
            }
            return .int(l)
        }
        a["comb"] = fn("comb") { args, _, _ throws(PyError) in
            guard args.count == 2, let n = args[0].asIndex, let k = args[1].asIndex else { throw .typeError("comb expected 2 arguments") }
            if n < 0 || k < 0 { throw .valueError("\(n < 0 ? "n" : "k") must be a non-negative integer") }
            if k > n { return .int(0) }
            var r = 1
            for j in 0..<min(k, n - k) {
                let (v, o) = r.multipliedReportingOverflow(by: n - j)
                if o { throw Lexer.bigInt(0) }
                r = v / (j + 1)
            }
            return .int(r)
        }
        a["perm"] = fn("perm") { args, _, _ throws(PyError) in
            guard let n = args.first?.asIndex else { throw .typeError("perm expected at least 1 argument") }
            let k = args.count > 1 ? args[1].asIndex ?? n : n
            if k > n { return .int(0) }
            var r = 1
            for j in 0..<k {
                let (v, o) = r.multipliedReportingOverflow(by: n - j)
                if o { throw Lexer.bigInt(0) }
                r = v
            }
            return .int(r)
        }
        a["prod"] = fn("prod") { args, k, i throws(PyError) in
            let b = try bind("prod", ["iterable", "start"], required: 1, args, k)
            var acc = b[1] ?? .int(1)
            try i.forEach(b[0]!) { (x: PyValue) throws(PyError) -> Bool in acc = try i.binary("*", acc, x); return true }
            return acc
        }
        a["fsum"] = fn("fsum") { args, _, i throws(PyError) in
            // Neumaier's compensated sum: exact for the sums learners make.
            var s = 0.0, c = 0.0
            try i.forEach(args.first ?? .list(PyList([]))) { (x: PyValue) throws(PyError) -> Bool in
                let v = try real(x, i)
                let t = s + v
                c += Swift.abs(s) >= Swift.abs(v) ? (s - t) + v : (v - t) + s
                s = t
                return true
            }
            return .float(s + c)
        }
        a["dist"] = fn("dist") { args, _, i throws(PyError) in
            guard args.count == 2 else { throw .typeError("dist expected 2 arguments, got \(args.count)") }
            let p = try i.iterate(args[0]), q = try i.iterate(args[1])
            guard p.count == q.count else { throw .valueError("both points must have the same number of dimensions") }
            var s = 0.0
            for (x, y) in zip(p, q) { let d = try real(x, i) - real(y, i); s += d * d }
            return .float(s.squareRoot())
        }
        a["isqrt"] = fn("isqrt") { args, _, _ throws(PyError) in
            guard let n = args.first?.asIndex else { throw .typeError("isqrt expected an integer") }
            if n < 0 { throw .valueError("isqrt() argument must be nonnegative") }
            var r = Int(Double(n).squareRoot())
            while r * r > n { r -= 1 }
            while (r + 1) * (r + 1) <= n { r += 1 }
            return .int(r)
        }
        return Namespace("math", a)
    }()

    nonisolated(unsafe) static let string = Namespace("string", [
        "ascii_letters": .str("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        "ascii_lowercase": .str("abcdefghijklmnopqrstuvwxyz"),
        "ascii_uppercase": .str("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        "digits": .str("0123456789"),
        "hexdigits": .str("0123456789abcdefABCDEF"),
        "octdigits": .str("01234567"),
        "punctuation": .str("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
        "whitespace": .str(" \t\n\r\u{0B}\u{0C}"),
        "printable": .str("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\u{0B}\u{0C}"),
    ])

    /// A Counter's items, most common first (ties in insertion order), as `most_common` and its repr give them.
    static func mostCommon(_ d: PyDict, _ i: Interpreter) -> [(PyValue, PyValue)] {
        let pairs = Array(zip(d.keys, d.values))
        var order = Array(pairs.indices)
        // Stable: equal counts keep insertion order.
        order.sort { a, b in
            let x = pairs[a].1.asDouble ?? 0, y = pairs[b].1.asDouble ?? 0
            return x != y ? x > y : a < b
        }
        return order.map { pairs[$0] }
    }

    nonisolated(unsafe) static let collections = Namespace("collections", [
        "OrderedDict": Builtins.type("OrderedDict") { a, k, i throws(PyError) in
            guard case .dict(let d) = try i.call(Builtins.all["dict"]!, a, k) else { return .none }
            d.isOrderedDict = true
            return .dict(d)
        },
        "defaultdict": Builtins.type("defaultdict") { a, k, i throws(PyError) in
            let factory = a.first ?? .none
            if case .object(let o) = factory, !o.isCallable { throw .typeError("first argument must be callable or None") }
            guard case .dict(let d) = try i.call(Builtins.all["dict"]!, Array(a.dropFirst()), k) else { return .none }
            d.defaultFactory = factory
            return .dict(d)
        },
        "Counter": Builtins.type("Counter") { a, k, i throws(PyError) in
            let d = PyDict()
            d.isCounter = true
            if let src = a.first { try counterUpdate(d, src, i) }
            for (key, v) in k { try d.set(.str(key), v) }
            return .dict(d)
        },
        "deque": fn("deque") { _, _, _ throws(PyError) in
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support collections.deque yet")
        },
        "namedtuple": fn("namedtuple") { a, k, i throws(PyError) in
            let b = try bind("namedtuple", ["typename", "field_names", "rename", "defaults", "module"], required: 2, a, k)
            guard case .str(let name) = b[0]! else { throw .typeError("namedtuple() typename must be str") }
            var fields: [String] = []
            if case .str(let s) = b[1]! {
                fields = s.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
            } else {
                for f in try i.iterate(b[1]!) { guard case .str(let s) = f else { throw .typeError("Type names and field names must be strings") }; fields.append(s) }
            }
            let defaults = try b[3].map { v throws(PyError) in v.isNone ? [] : try i.iterate(v) } ?? []
            return .object(NamedTupleClass(name, fields, defaults: defaults))
        },
    ])

    static func counterUpdate(_ d: PyDict, _ src: PyValue, _ i: Interpreter) throws(PyError) {
        if case .dict(let o) = src {
            for (k, v) in zip(o.keys, o.values) { try d.set(k, try i.binary("+", try d.get(k) ?? .int(0), v)) }
            return
        }
        try i.forEach(src) { (x: PyValue) throws(PyError) -> Bool in
            try i.pulse()
            try d.set(x, try i.binary("+", try d.get(x) ?? .int(0), .int(1)))
            return true
        }
    }

    nonisolated(unsafe) static let itertools = Namespace("itertools", [
        "count": fn("count") { a, k, i throws(PyError) in
            let b = try bind("count", ["start", "step"], required: 0, a, k)
            var n = b[0] ?? .int(0)
            let step = b[1] ?? .int(1)
            return .object(ClosureIterator("count") { (i: Interpreter) throws(PyError) -> PyValue? in
                let v = n
                n = try i.binary("+", n, step)
                return v
            })
        },
        "chain": fn("chain") { a, _, i throws(PyError) in
            var its: [PyIterator] = []
            for x in a { its.append(try i.makeIterator(x)) }
            var k = 0
            return .object(ClosureIterator("chain") { (i: Interpreter) throws(PyError) -> PyValue? in
                while k < its.count {
                    if let v = try its[k].next(i) { return v }
                    k += 1
                }
                return nil
            })
        },
        "islice": fn("islice") { a, _, i throws(PyError) in
            guard a.count >= 2 else { throw .typeError("islice expected at least 2 arguments, got \(a.count)") }
            let it = try i.makeIterator(a[0])
            var start = 0, stop: Int?, step = 1
            if a.count == 2 { stop = a[1].isNone ? nil : a[1].asIndex } else {
                start = a[1].asIndex ?? 0; stop = a[2].isNone ? nil : a[2].asIndex
                if a.count > 3 { step = a[3].asIndex ?? 1 }
            }
            var pos = 0, nextWanted = start
            return .object(ClosureIterator("islice") { (i: Interpreter) throws(PyError) -> PyValue? in
                while true {
                    if let stop, nextWanted >= stop { return nil }
                    guard let v = try it.next(i) else { return nil }
                    defer { pos += 1 }
                    if pos == nextWanted { nextWanted += step; return v }
                }
            })
        },
        "product": fn("product") { a, k, i throws(PyError) in
            var pools: [[PyValue]] = []
            for x in a { pools.append(try i.iterate(x)) }
            if let r = k.first(where: { $0.0 == "repeat" })?.1.asIndex { pools = Array([[[PyValue]]](repeating: pools, count: r).joined()) }
            var result: [[PyValue]] = [[]]
            for pool in pools {
                var next: [[PyValue]] = []
                for x in result { for y in pool { next.append(x + [y]) } }
                result = next
                try i.checkElements(result.count, size: 32)
            }
            return .object(SequenceIterator(.items(result.map { .tuple($0) }), name: "product"))
        },
        "permutations": fn("permutations") { a, _, i throws(PyError) in
            let pool = try i.iterate(a.first ?? .list(PyList([])))
            let r = a.count > 1 ? a[1].asIndex ?? pool.count : pool.count
            var out: [PyValue] = []
            func build(_ used: [Int]) throws(PyError) {
                if used.count == r { out.append(.tuple(used.map { pool[$0] })); try i.checkElements(out.count); return }
                for k in pool.indices where !used.contains(k) { try build(used + [k]) }
            }
            if r <= pool.count { try build([]) }
            return .object(SequenceIterator(.items(out), name: "permutations"))
        },
        "combinations": fn("combinations") { a, _, i throws(PyError) in
            guard a.count == 2, let r = a[1].asIndex else { throw .typeError("combinations() missing required argument 'r' (pos 2)") }
            let pool = try i.iterate(a[0])
            var out: [PyValue] = []
            func build(_ start: Int, _ chosen: [Int]) throws(PyError) {
                if chosen.count == r { out.append(.tuple(chosen.map { pool[$0] })); try i.checkElements(out.count); return }
                if start >= pool.count { return }
                for k in start..<pool.count { try build(k + 1, chosen + [k]) }
            }
            try build(0, [])
            return .object(SequenceIterator(.items(out), name: "combinations"))
        },
        "repeat": fn("repeat") { a, _, _ throws(PyError) in
            guard let v = a.first else { throw .typeError("repeat() missing required argument 'object' (pos 1)") }
            var left = a.count > 1 ? a[1].asIndex ?? 0 : -1
            return .object(ClosureIterator("repeat") { (_: Interpreter) throws(PyError) -> PyValue? in
                if left == 0 { return nil }
                if left > 0 { left -= 1 }
                return v
            })
        },
        "accumulate": fn("accumulate") { a, k, i throws(PyError) in
            let it = try i.makeIterator(a.first ?? .list(PyList([])))
            let f = a.count > 1 ? a[1] : k.first(where: { $0.0 == "func" })?.1
            var acc: PyValue?
            if let initial = k.first(where: { $0.0 == "initial" })?.1, !initial.isNone { acc = nil; _ = initial }
            return .object(ClosureIterator("accumulate") { (i: Interpreter) throws(PyError) -> PyValue? in
                guard let x = try it.next(i) else { return nil }
                if let prev = acc {
                    if let f { acc = try i.call(f, [prev, x], []) } else { acc = try i.binary("+", prev, x) }
                } else { acc = x }
                return acc
            })
        },
        "zip_longest": fn("zip_longest") { a, k, i throws(PyError) in
            let fill = k.first(where: { $0.0 == "fillvalue" })?.1 ?? .none
            var its: [PyIterator?] = []
            for x in a { its.append(try i.makeIterator(x)) }
            return .object(ClosureIterator("zip_longest") { (i: Interpreter) throws(PyError) -> PyValue? in
                var items: [PyValue] = []
                var any = false
                for (n, it) in its.enumerated() {
                    if let it, let v = try it.next(i) { items.append(v); any = true } else { its[n] = nil; items.append(fill) }
                }
                return any ? .tuple(items) : nil
            })
        },
        "cycle": fn("cycle") { a, _, i throws(PyError) in
            let items = try i.iterate(a.first ?? .list(PyList([])))
            var k = 0
            return .object(ClosureIterator("cycle") { (_: Interpreter) throws(PyError) -> PyValue? in
                guard !items.isEmpty else { return nil }
                defer { k = (k + 1) % items.count }
                return items[k]
            })
        },
    ])

    nonisolated(unsafe) static let functools = Namespace("functools", [
        "reduce": fn("reduce") { a, _, i throws(PyError) in
            guard a.count == 2 || a.count == 3 else { throw .typeError("reduce expected at least 2 arguments, got \(a.count)") }
            var acc: PyValue? = a.count == 3 ? a[2] : nil
            try i.forEach(a[1]) { (x: PyValue) throws(PyError) -> Bool in
                if let v = acc { acc = try i.call(a[0], [v, x], []) } else { acc = x }
                return true
            }
            guard let acc else { throw .typeError("reduce() of empty iterable with no initial value") }
            return acc
        },
        "partial": fn("partial") { a, k, _ throws(PyError) in
            guard let f = a.first else { throw .typeError("type 'partial' takes at least one argument") }
            let bound = Array(a.dropFirst())
            return .object(Builtin("partial", method: false) { more, kw, i throws(PyError) in
                try i.call(f, bound + more, k.filter { key in !kw.contains { $0.0 == key.0 } } + kw)
            })
        },
        "lru_cache": fn("lru_cache") { a, _, _ throws(PyError) in
            if let f = a.first, case .object(let o) = f, o.isCallable { return memoized(f) }
            return fn("decorating_function") { b, _, _ throws(PyError) in b.first.map(memoized) ?? .none }
        },
        "cache": fn("cache") { a, _, _ throws(PyError) in a.first.map(memoized) ?? .none },
        "wraps": fn("wraps") { _, _, _ throws(PyError) in fn("decorator") { b, _, _ throws(PyError) in b.first ?? .none } },
    ])
}

extension PythonModules {
    /// `@lru_cache`/`@cache`: results kept per argument tuple, so the memoized recursion learners write (fib,
    /// edit distance) runs in the time CPython's does. Unbounded: `maxsize` only evicts, never changes a result.
    static func memoized(_ f: PyValue) -> PyValue {
        let cache = PyDict()
        let name: String
        if case .object(let fo as FunctionObject) = f { name = fo.name } else { name = "wrapper" }
        return .object(Builtin(name) { a, k, i throws(PyError) in
            let key = PyValue.tuple(a + (k.isEmpty ? [] : [.str("\u{0}kwargs")] + k.flatMap { [PyValue.str($0.0), $0.1] }))
            if let hit = try cache.get(key) { return hit }
            let r = try i.call(f, a, k)
            try cache.set(key, r)
            return r
        })
    }
}

/// `collections.namedtuple("Point", ["x", "y"])`: the class.
final class NamedTupleClass: PyObject {
    let name: String
    let fields: [String]
    let defaults: [PyValue]
    init(_ name: String, _ fields: [String], defaults: [PyValue]) { self.name = name; self.fields = fields; self.defaults = defaults }
    override var typeName: String { "type" }
    override var isCallable: Bool { true }
    override func repr(_ interp: Interpreter) -> String { "<class '__main__.\(name)'>" }
    override func call(_ args: [PyValue], _ kwargs: [(String, PyValue)], _ interp: Interpreter) throws(PyError) -> PyValue {
        let required = fields.count - defaults.count
        var b = try bind(name, fields, required: 0, args, kwargs)
        for k in b.indices where b[k] == nil && k >= required { b[k] = defaults[k - required] }
        let missing = fields.indices.filter { b[$0] == nil }.map { fields[$0] }
        if !missing.isEmpty {
            throw .typeError("\(name).__new__() missing \(Interpreter.namedList(missing, "positional"))")
        }
        return .object(NamedTupleObject(self, b.map { $0! }))
    }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch n {
        case "__name__", "__qualname__": return .str(name)
        case "_fields": return .tuple(fields.map { .str($0) })
        case "_make":
            return interp.method(n) { a, _, i throws(PyError) in
                try self.call(try i.iterate(a.first ?? .tuple([])), [], i)
            }
        default: return nil
        }
    }
}

/// An instance: a tuple whose items also have names.
final class NamedTupleObject: PyObject {
    let cls: NamedTupleClass
    let items: [PyValue]
    init(_ cls: NamedTupleClass, _ items: [PyValue]) { self.cls = cls; self.items = items }
    override var typeName: String { cls.name }
    override func repr(_ interp: Interpreter) -> String {
        cls.name + "(" + zip(cls.fields, items).map { "\($0)=\(interp.repr($1))" }.joined(separator: ", ") + ")"
    }
    override var attributeNames: [String] { cls.fields + ["_asdict", "_replace", "_fields", "count", "index"] }
    override func getAttribute(_ n: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        if let k = cls.fields.firstIndex(of: n) { return items[k] }
        switch n {
        case "_fields": return .tuple(cls.fields.map { .str($0) })
        case "_asdict":
            return interp.method(n) { _, _, _ throws(PyError) in
                let d = PyDict()
                for (f, v) in zip(self.cls.fields, self.items) { try d.set(.str(f), v) }
                return .dict(d)
            }
        case "_replace":
            return interp.method(n) { _, k, i throws(PyError) in
                var values = self.items
                for (key, v) in k {
                    guard let idx = self.cls.fields.firstIndex(of: key) else { throw .valueError("Got unexpected field names: ['\(key)']") }
                    values[idx] = v
                }
                _ = i
                return .object(NamedTupleObject(self.cls, values))
            }
        case "count", "index": return interp.tupleMethod(items, n)
        default: return nil
        }
    }
}
