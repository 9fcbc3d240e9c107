/// A grammar-based generator of MiniPy programs, driven by bytes: each byte picks one production, so a
/// fuzzer's mutation of the bytes changes the program a piece at a time, and running out of bytes picks
/// the first (simplest) production everywhere, which always ends the program.
///
/// The programs are what learners write (modules built and called, shapes printed, loops, comprehensions,
/// string and list methods) and what breaks interpreters (edge numbers, sizes 0 and 2**62, deep nesting,
/// long operator chains, big repeats, string formatting with huge precision).
///
///     ProgramGenerator.program(from: bytes)   // "import torch\nx = torch.zeros(0, 3)\nprint(x.sum(1))\n"
public struct ProgramGenerator {
    private var bytes: [UInt8]
    private var at = 0
    private var lines: [String] = []
    private var indent = 0
    /// Names bound so far, by what they hold, so later statements can use them as a learner would.
    private var names: [Kind: [String]] = [:]
    private var counter = 0

    enum Kind: CaseIterable { case number, text, list, tensor, module, dict }

    public static func program(from input: UnsafeRawBufferPointer) -> String {
        var g = ProgramGenerator(bytes: Array(input))
        return g.generate()
    }

    public static func program(from input: [UInt8]) -> String {
        var g = ProgramGenerator(bytes: input)
        return g.generate()
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: Choices

    private var exhausted: Bool { at >= bytes.count }

    private mutating func byte() -> Int {
        guard at < bytes.count else { return 0 }
        defer { at += 1 }
        return Int(bytes[at])
    }

    /// 0..<n; 0 once the bytes run out.
    private mutating func pick(_ n: Int) -> Int { n <= 1 ? 0 : byte() % n }
    private mutating func pick<T>(_ options: [T]) -> T { options[pick(options.count)] }
    private mutating func chance(_ inEight: Int) -> Bool { byte() % 8 < inEight }

    private mutating func fresh(_ kind: Kind) -> String {
        counter += 1
        let name = ["x", "y", "h", "out", "w", "s", "n", "lst", "rnn", "d"][counter % 10] + String(counter)
        names[kind, default: []].append(name)
        return name
    }

    private mutating func existing(_ kind: Kind) -> String? {
        guard let list = names[kind], !list.isEmpty else { return nil }
        return list[pick(list.count)]
    }

    // MARK: Terminals

    static let numbers = ["0", "1", "2", "3", "-1", "7", "0.5", "-0.0", "1e-320", "2**31", "2**32 - 1", "2**53 + 1",
                          "2**62", "2**63 - 1", "-2**63", "10**7", "9999999", "10**18", "1e16", "1e300", "-1e300",
                          "1.7976931348623157e308", "float('nan')", "float('inf')", "float('-inf')", "255", "0.1", "1e-7"]
    static let sizes = ["1", "2", "3", "0", "4", "5", "16", "100", "1000", "10**4", "10**6", "-1", "-2", "2**31", "2**62",
                        "2**63 - 1", "9999999"]
    static let strings = ["'a'", "''", "'abc'", "'hello world'", "'%d'", "'%s'", "'%.3f'", "'%.999999999f'", "'{}'", "'é→✓'",
                          "'\\n'", "'a' * 1000", "'ab' * 300000", "str(10**18)", "'x,y,,z'"]

    private mutating func number() -> String { pick(Self.numbers) }
    private mutating func size() -> String { pick(Self.sizes) }
    private mutating func smallSize() -> String { pick(["1", "2", "3", "4", "5", "8", "0", "16"]) }

    // MARK: Expressions

    private mutating func expr(_ depth: Int) -> String {
        if depth <= 0 || exhausted { return leaf() }
        switch pick(14) {
        case 0: return leaf()
        case 1: return "\(expr(depth - 1)) \(pick(["+", "-", "*", "/", "//", "%", "**", "==", "<", ">=", "!=", "and", "or", "&", "|", "^", "<<", ">>"])) \(expr(depth - 1))"
        case 2: return "\(pick(["-", "not ", "+", "~"]))(\(expr(depth - 1)))"
        case 3: return "\(pick(["round", "abs", "int", "float", "str", "len", "bool", "repr", "list", "sorted", "sum", "max", "min", "tuple", "reversed", "enumerate", "range"]))(\(expr(depth - 1)))"
        case 4: return "round(\(expr(depth - 1)), \(pick(["0", "2", "-1", "-400", "400", "2**63 - 1"])))"
        case 5: return "[\(list(depth - 1))]"
        case 6: return "(\(list(depth - 1)),)"
        case 7: return "{\(expr(depth - 1)): \(expr(depth - 1))}"
        case 8: return "[\(expr(depth - 1)) for i in range(\(pick(["3", "0", "100", "10**4", "-1"])))]"
        case 9: return "\(expr(depth - 1))[\(pick(["0", "-1", "1:", ":-1", "::2", "::-1", "2**63 - 1", "-2**63", "1:2:0"]))]"
        case 10: return stringExpr(depth - 1)
        case 11: return "(\(expr(depth - 1)) if \(expr(depth - 1)) else \(expr(depth - 1)))"
        case 12: return tensorExpr(depth - 1)
        default: return "\(pick(["'%d'", "'%s'", "'%x'", "'%.2f'", "'%e'", "'%r'", "'%5.1f'", "'%.999999999f'", "'%*d'"])) % \(expr(depth - 1))"
        }
    }

    private mutating func leaf() -> String {
        switch pick(6) {
        case 0: return number()
        case 1: return pick(Self.strings)
        case 2: return existing(pick(Kind.allCases)) ?? number()
        case 3: return pick(["True", "False", "None", "[]", "{}", "()"])
        case 4: return pick(["undefined_name", "torch", "torch.nn", "print", "math.pi"])
        default: return number()
        }
    }

    private mutating func list(_ depth: Int) -> String {
        (0 ..< (1 + pick(3))).map { _ in expr(depth) }.joined(separator: ", ")
    }

    private mutating func stringExpr(_ depth: Int) -> String {
        let s = existing(.text) ?? pick(Self.strings)
        switch pick(10) {
        case 0: return "\(s).upper()"
        case 1: return "\(s).find(\(pick(Self.strings)))"
        case 2: return "\(s).replace(\(pick(Self.strings)), \(pick(Self.strings)))"
        case 3: return "\(pick(Self.strings)).join([\(s)] * \(pick(["3", "0", "9999999", "10**5"])))"
        case 4: return "\(s).split(\(pick(["", "','", "' '", "''"])))"
        case 5: return "\(s) * \(pick(["3", "0", "-1", "10**6", "2**62", "10**18"]))"
        case 6: return "\(s).count(\(pick(Self.strings)))"
        case 7: return "\(s)[\(expr(depth))]"
        case 8: return "'{} {}'.format(\(expr(depth)), \(expr(depth)))"
        default: return "\(s).startswith(\(pick(Self.strings)))"
        }
    }

    private mutating func shape() -> String {
        (0 ..< (1 + pick(3))).map { _ in chance(6) ? smallSize() : size() }.joined(separator: ", ")
    }

    private mutating func tensorExpr(_ depth: Int) -> String {
        let t = existing(.tensor) ?? "torch.ones(\(shape()))"
        if depth <= 0 || exhausted { return t }
        switch pick(22) {
        case 0: return "torch.zeros(\(shape()))"
        case 1: return "torch.randn(\(shape())\(chance(2) ? ", requires_grad=True" : ""))"
        case 2: return "torch.arange(\(pick(["0", "5", "-3", "0.5"])), \(pick(["10", "0", "float('inf')", "1e300", "2**62", "float('nan')"])), \(pick(["1", "2", "0.25", "-1", "0"])))"
        case 3: return "torch.tensor([\(list(0))])"
        case 4: return "torch.tensor([[1, 2], [3, 4]], dtype=torch.\(pick(["float32", "int64", "bool"])))"
        case 5: return "\(t).view(\(shape()))"
        case 6: return "\(t).reshape(\(shape()))"
        case 7: return "\(t).permute(\(pick(["0", "1, 0", "2, 0, 1", "0, 0", "-1, 0"])))"
        case 8: return "\(t).transpose(\(pick(["0", "-1", "2", "5"])), \(pick(["1", "0", "-2"])))"
        case 9: return "\(t).sum(\(pick(["", "0", "1", "-1", "dim=2", "5"])))"
        case 10: return "\(t) @ \(tensorExpr(depth - 1))"
        case 11: return "\(t) \(pick(["+", "-", "*", "/", "==", "<", "**"])) \(chance(4) ? number() : tensorExpr(depth - 1))"
        case 12: return "torch.cat([\(t), \(tensorExpr(depth - 1))], \(pick(["0", "1", "-1", "3"])))"
        case 13: return "torch.stack([\(t), \(t)])"
        case 14: return "torch.softmax(\(t), \(pick(["0", "-1", "1", "9"])))"
        case 15: return "\(t).unsqueeze(\(pick(["0", "-1", "4", "2**62"])))"
        case 16: return "\(t)[\(pick(["0", "-1", "0, 0", "1:", "::2", "..., 0", "None", "2**62", "torch.tensor([0, 1])"]))]"
        case 17: return "\(t).\(pick(["max()", "argmax()", "mean()", "item()", "tolist()", "flatten()", "t()", "tanh()", "exp()", "abs()", "shape", "size(0)", "numel()", "float()", "long()", "sqrt()", "norm()", "flip(0)", "chunk(2)"]))"
        case 18: return "torch.eye(\(pick(["3", "0", "-1", "10**5"])))"
        case 19: return "torch.full((\(shape())), \(number()))"
        case 20: return "print(\(t))"
        default: return "torch.tensor(\(pick(["2**63 - 1", "float('nan')", "[2**63 - 1, 0]", "[[1], [2, 3]]", "[]", "1e300"])))"
        }
    }

    // MARK: Statements

    private mutating func line(_ text: String) {
        lines.append(String(repeating: "    ", count: indent) + text)
    }

    private mutating func block(_ depth: Int) {
        indent += 1
        let count = 1 + pick(3)
        for _ in 0 ..< count { statement(depth - 1) }
        indent -= 1
    }

    private mutating func statement(_ depth: Int) {
        if depth <= 0 || exhausted {
            line("print(\(leaf()))")
            return
        }
        switch pick(18) {
        case 0: line("print(\(expr(2)))")
        case 1: line("\(fresh(.number)) = \(expr(3))")
        case 2: line("\(fresh(.tensor)) = \(tensorExpr(2))")
        case 3: line("\(fresh(.text)) = \(stringExpr(1))")
        case 4:
            line("for i in range(\(pick(["3", "0", "10", "10**5", "-1", "2**62"]))):")
            block(depth)
        case 5:
            line("if \(expr(2)):")
            block(depth)
            if chance(4) { line("else:"); block(depth) }
        case 6:
            let k = fresh(.number)
            line("\(k) = 0")
            line("while \(k) < \(pick(["3", "100", "10**6"])):")
            indent += 1
            line("\(k) += 1")
            indent -= 1
            block(depth)
        case 7:
            line("try:")
            block(depth)
            line("except \(pick(["Exception", "ValueError", "RuntimeError", "(TypeError, IndexError)", "ZeroDivisionError"])) as e:")
            indent += 1
            line("print(e)")
            indent -= 1
            if chance(2) { line("finally:"); indent += 1; line("print('done')"); indent -= 1 }
        case 8: recurrent()
        case 9:
            let l = fresh(.list)
            line("\(l) = [\(list(1))]")
            line("\(l).\(pick(["append(\(expr(1)))", "extend(\(l))", "pop(\(pick(["", "0", "-1", "2**63 - 1"])))", "insert(\(pick(["0", "-2**63", "99"])), 1)", "sort()", "reverse()", "index(\(expr(0)))", "remove(\(expr(0)))"]))")
        case 10:
            let d = fresh(.dict)
            line("\(d) = {w: len(w) for w in \(pick(["['a', 'cat', 'sat']", "'hello'.split('l')", "[]", "[str(i) for i in range(50)]"]))}")
            line("print(\(d).\(pick(["get('a')", "items()", "keys()", "pop('zz')", "values()"])))")
        case 11:
            line("with torch.no_grad():")
            block(depth)
        case 12:
            let w = fresh(.tensor)
            line("\(w) = torch.randn(\(shape()), requires_grad=True)")
            line("loss = (\(w) * \(w)).\(pick(["sum()", "mean()", "max()"]))")
            line("loss.backward()")
            line("print(\(w).grad\(pick(["", ".shape", ".sum()"])))")
            if chance(2) { line("loss.backward()") }
        case 13: hostile()
        case 14:
            if let n = existing(.number) { line("\(n) \(pick(["+=", "-=", "*=", "//=", "**=", "%="])) \(expr(1))") } else { line("print(\(expr(1)))") }
        case 15:
            line("print(\(expr(1)), \(expr(1)), sep=\(pick(["''", "', '", "None"])), end=\(pick(["'\\n'", "''"])))")
        case 16:
            let m = fresh(.module)
            line("\(m) = torch.nn.\(pick(["Linear(\(size()), \(smallSize()))", "Embedding(\(size()), \(smallSize()))", "CrossEntropyLoss()", "MSELoss()"]))")
            line("print(\(m))")
        default:
            line("\(pick(["x", "y", "z"])) = \(pick(["1", "[1, 2]", "'s'"]))")
        }
    }

    /// A recurrent module, built with edge arguments and called as a learner would.
    private mutating func recurrent() {
        let m = fresh(.module)
        let kind = pick(["RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"])
        let input = chance(6) ? smallSize() : size()
        let hidden = chance(6) ? smallSize() : size()
        var args = "\(input), \(hidden)"
        if !kind.hasSuffix("Cell") {
            if chance(3) { args += ", num_layers=\(pick(["2", "0", "-1", "3", "10**9"]))" }
            if chance(3) { args += ", batch_first=\(pick(["True", "False", "1", "None"]))" }
            if chance(2) { args += ", bidirectional=True" }
            if chance(1) { args += ", dropout=\(pick(["0.5", "1.5", "-0.1", "float('nan')"]))" }
            if kind == "LSTM", chance(1) { args += ", proj_size=\(pick(["1", "0", "-1", hidden]))" }
            if kind == "RNN", chance(2) { args += ", nonlinearity=\(pick(["'relu'", "'tanh'", "'gelu'"]))" }
        }
        line("\(m) = torch.nn.\(kind)(\(args))")
        let x = fresh(.tensor)
        line("\(x) = torch.randn(\(chance(5) ? "\(smallSize()), \(smallSize()), \(input)" : shape()))")
        if kind.hasSuffix("Cell") {
            line("\(fresh(.tensor)) = \(m)(\(x))")
        } else if kind == "LSTM" {
            line("out, (h, c) = \(m)(\(x))")
            line("print(out.shape, h.shape, c.shape)")
        } else {
            line("out, h = \(m)(\(x)\(chance(2) ? ", torch.zeros(\(shape()))" : ""))")
            line("print(out.shape, h.shape)")
        }
        if chance(2) { line("print(\(m).state_dict().keys())") }
        if chance(1) { line("out.sum().backward()") }
    }

    /// What interpreters overflow on: deep nesting, long chains, huge repeats and allocations.
    private mutating func hostile() {
        let n = pick([10, 100, 149, 151, 200, 1000, 5000])
        switch pick(9) {
        case 0: line("print(" + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n) + ")")
        case 1: line("x = " + Array(repeating: "1", count: n).joined(separator: "**"))
        case 2: line("x = " + Array(repeating: "1", count: n * 10).joined(separator: " + "))
        case 3:
            for level in 0 ..< min(n, 300) { lines.append(String(repeating: " ", count: level) + "if True:") }
            lines.append(String(repeating: " ", count: min(n, 300)) + "pass")
        case 4: line("x = [[0] * \(pick(["9999999", "10**6", "10**8"])) for i in range(\(pick(["200", "2", "10**6"])))]")
        case 5: line("x = " + String(repeating: "[", count: n) + String(repeating: "]", count: n))
        case 6: line("x = " + String(repeating: "-", count: n * 10) + "1")
        case 7: line("x = 'a' + " + Array(repeating: "str(i)", count: min(n, 500)).joined(separator: " + "))
        default: line("x = " + String(repeating: "not ", count: n) + "True")
        }
    }

    mutating func generate() -> String {
        lines = []
        if pick(8) != 7 { lines.append("import torch") }
        if pick(4) == 0 { lines.append("import math") }
        let count = 1 + pick(8)
        for _ in 0 ..< count { statement(3) }
        return lines.joined(separator: "\n") + "\n"
    }
}
