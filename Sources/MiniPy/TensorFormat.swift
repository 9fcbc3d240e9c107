import Foundation
import RNNEngine

/// PyTorch's tensor printing (`torch/_tensor_str.py`): precision 4, line width 80, summarised above
/// 1000 elements with 3 edge items unless `torch.set_printoptions` said otherwise. Integers print exactly
/// (int64 holds all 19 digits).
enum TensorFormat {
    /// torch's PRINT_OPTS, per run (`Interpreter.printOptions`). `sciMode` nil: chosen from the values.
    struct Options {
        var precision = 4, linewidth = 80, threshold = 1000, edgeitems = 3
        var sciMode: Bool?
    }

    /// How each element prints: torch's `_Formatter`, its width taken over the elements shown.
    struct Formatter {
        enum Values { case floats([Float]), ints([Int]), bools([Float]) }
        let values: Values
        var intMode = true
        var sciMode = false
        var maxWidth = 1
        let precision: Int

        init(_ t: PyTensor, shown: [Int]?, _ o: Options) {
            precision = o.precision
            switch t.dtype {
            case .int64, .int32:
                let ints = t.exactInts
                values = .ints(ints)
                for i in shown ?? Array(ints.indices) { maxWidth = max(maxWidth, String(ints[i]).count) }
            case .bool:
                let b = t.floats
                values = .bools(b)
                for i in shown ?? Array(b.indices) { maxWidth = max(maxWidth, b[i] != 0 ? 4 : 5) }
            case .float32:
                let f = t.floats
                values = .floats(f)
                let nz = (shown ?? Array(f.indices)).map { f[$0] }.filter { $0.isFinite && $0 != 0 }.map { Double($0) }
                guard !nz.isEmpty else { return }
                let absv = nz.map { abs($0) }
                let mn = absv.min()!, mx = absv.max()!
                intMode = nz.allSatisfy { $0 == $0.rounded(.up) }
                if intMode {
                    if o.sciMode ?? (mx / mn > 1000 || mx > 1e8) {
                        sciMode = true
                        for v in nz { maxWidth = max(maxWidth, String(format: "%.\(precision)e", v).count) }
                    } else {
                        for v in nz { maxWidth = max(maxWidth, String(format: "%.0f", v).count + 1) }
                    }
                } else if o.sciMode ?? (mx / mn > 1000 || mx > 1e8 || mn < 1e-4) {
                    sciMode = true
                    for v in nz { maxWidth = max(maxWidth, String(format: "%.\(precision)e", v).count) }
                } else {
                    for v in nz { maxWidth = max(maxWidth, String(format: "%.\(precision)f", v).count) }
                }
            }
        }

        /// Element `i` (row-major), right-aligned to the common width.
        func format(_ i: Int) -> String {
            var s: String
            switch values {
            case .ints(let ints): s = String(ints[i])
            case .bools(let b): s = b[i] != 0 ? "True" : "False"
            case .floats(let f):
                let v = Double(f[i])
                if v.isNaN { s = "nan" } else if v.isInfinite { s = v < 0 ? "-inf" : "inf" }
                else if sciMode { s = String(format: "%.\(precision)e", v) }
                else if intMode { s = String(format: "%.0f", v) + "." }
                else { s = String(format: "%.\(precision)f", v) }
            }
            return String(repeating: " ", count: max(0, maxWidth - s.count)) + s
        }
    }

    /// `repr(tensor)`.
    static func describe(_ t: PyTensor, _ o: Options) -> String {
        let prefix = "tensor("
        let indent = prefix.count
        var suffixes: [String] = []
        let shape = t.shape
        var body: String
        if t.count == 0 {
            body = "[]"
            if shape != [0] { suffixes.append("size=(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")) }
            // With no values to show their type, torch names a non-default dtype.
            if t.dtype != .float32 { suffixes.append("dtype=torch.\(t.dtype.rawValue)") }
        } else {
            let summarize = t.count > o.threshold
            let fmt = Formatter(t, shown: summarize ? summarized(0, shape[...], o.edgeitems) : nil, o)
            body = str(0, shape[...], indent: indent, summarize: summarize, fmt, o)
            // torch names every dtype but its defaults (float32, int64, bool).
            if t.dtype == .int32 { suffixes.append("dtype=torch.\(t.dtype.rawValue)") }
        }
        if let g = t.gradFn { suffixes.append("grad_fn=<\(g)>") }
        if case .leaf? = t.origin, t.requiresGrad { suffixes.append("requires_grad=True") }
        // torch's _add_suffixes: the last line's length counted as len(s) - s.rfind("\n") + 1 over prefix + body.
        let whole = prefix + body
        var lastLine = whole.count - (whole.lastIndex(of: "\n").map { whole.distance(from: whole.startIndex, to: $0) } ?? -1) + 1
        for s in suffixes {
            if lastLine + s.count + 2 > o.linewidth {
                body += ",\n" + String(repeating: " ", count: indent) + s
                lastLine = indent + s.count
            } else {
                body += ", " + s
                lastLine += s.count + 2
            }
        }
        let out = prefix + body + ")"
        return t.isParameter ? "Parameter containing:\n" + out : out
    }

    /// The flat index where sub-tensor `i` of the block starting at `base` with `shape` starts.
    static func sub(_ base: Int, _ shape: ArraySlice<Int>, _ i: Int) -> Int {
        base + i * shape.dropFirst().reduce(1, *)
    }

    /// The flat indices of the elements a summarised print shows.
    static func summarized(_ base: Int, _ shape: ArraySlice<Int>, _ edgeitems: Int) -> [Int] {
        guard let n = shape.first else { return [base] }
        let rest = shape.dropFirst()
        let rows = n > 2 * edgeitems ? Array(0..<edgeitems) + Array((n - edgeitems)..<n) : Array(0..<n)
        if rest.isEmpty { return rows.map { base + $0 } }
        return rows.flatMap { summarized(sub(base, shape, $0), rest, edgeitems) }
    }

    static func str(_ base: Int, _ shape: ArraySlice<Int>, indent: Int, summarize: Bool, _ f: Formatter, _ o: Options) -> String {
        let edgeitems = o.edgeitems
        guard let n = shape.first else { return f.format(base) }
        if shape.count == 1 {
            let elementLength = f.maxWidth + 2
            let perLine = max(1, (o.linewidth - indent) / elementLength)
            var data: [String]
            if summarize && n > 2 * edgeitems {
                data = (0..<edgeitems).map { f.format(base + $0) } + [" ..."] + ((n - edgeitems)..<n).map { f.format(base + $0) }
            } else {
                data = (0..<n).map { f.format(base + $0) }
            }
            var lines: [String] = []
            var i = 0
            while i < data.count { lines.append(data[i..<min(i + perLine, data.count)].joined(separator: ", ")); i += perLine }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let rest = shape.dropFirst()
        var slices: [String]
        if summarize && n > 2 * edgeitems {
            slices = (0..<edgeitems).map { str(sub(base, shape, $0), rest, indent: indent + 1, summarize: summarize, f, o) } + ["..."]
                + ((n - edgeitems)..<n).map { str(sub(base, shape, $0), rest, indent: indent + 1, summarize: summarize, f, o) }
        } else {
            slices = (0..<n).map { str(sub(base, shape, $0), rest, indent: indent + 1, summarize: summarize, f, o) }
        }
        let sep = "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: sep) + "]"
    }
}
