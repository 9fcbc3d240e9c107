import Foundation
import RNNEngine

/// PyTorch's tensor printing (`torch/_tensor_str.py`): precision 4, line width 80, summarised above
/// 1000 elements with 3 edge items.
enum TensorFormat {
    static let precision = 4, linewidth = 80, threshold = 1000, edgeitems = 3

    struct Formatter {
        var dtype: PyTensor.DType
        var intMode = true
        var sciMode = false
        var maxWidth = 1

        init(_ values: [Float], dtype: PyTensor.DType) {
            self.dtype = dtype
            switch dtype {
            case .int64:
                for v in values { maxWidth = max(maxWidth, String(Int64(v)).count) }
                return
            case .bool:
                for v in values { maxWidth = max(maxWidth, v != 0 ? 4 : 5) }
                return
            case .float32: break
            }
            let nz = values.filter { $0.isFinite && $0 != 0 }.map { Double($0) }
            guard !nz.isEmpty else { return }
            let absv = nz.map { abs($0) }
            let mn = absv.min()!, mx = absv.max()!
            intMode = nz.allSatisfy { $0 == $0.rounded(.up) }
            if intMode {
                if mx / mn > 1000 || mx > 1e8 {
                    sciMode = true
                    for v in nz { maxWidth = max(maxWidth, String(format: "%.\(precision)e", v).count) }
                } else {
                    for v in nz { maxWidth = max(maxWidth, String(format: "%.0f", v).count + 1) }
                }
            } else if mx / mn > 1000 || mx > 1e8 || mn < 1e-4 {
                sciMode = true
                for v in nz { maxWidth = max(maxWidth, String(format: "%.\(precision)e", v).count) }
            } else {
                for v in nz { maxWidth = max(maxWidth, String(format: "%.\(precision)f", v).count) }
            }
        }

        func format(_ f: Float) -> String {
            let v = Double(f)
            var s: String
            switch dtype {
            case .int64: s = String(Int64(f))
            case .bool: s = f != 0 ? "True" : "False"
            case .float32:
                if v.isNaN { s = "nan" } else if v.isInfinite { s = v < 0 ? "-inf" : "inf" }
                else if sciMode { s = String(format: "%.\(precision)e", v) }
                else if intMode { s = String(format: "%.0f", v) + "." }
                else { s = String(format: "%.\(precision)f", v) }
            }
            return String(repeating: " ", count: max(0, maxWidth - s.count)) + s
        }
    }

    /// `repr(tensor)`.
    static func describe(_ t: PyTensor) -> String {
        let prefix = "tensor("
        let indent = prefix.count
        var suffixes: [String] = []
        let x = t.t
        var body: String
        if x.count == 0 {
            body = "[]"
            if x.shape != [0] { suffixes.append("size=(" + x.shape.map(String.init).joined(separator: ", ") + (x.dim == 1 ? ",)" : ")")) }
            // With no values to show their type, torch names a non-default dtype.
            if t.dtype != .float32 { suffixes.append("dtype=torch.\(t.dtype.rawValue)") }
        } else {
            let summarize = x.count > threshold
            let fmt = Formatter(summarize ? summarized(x.storage[...], x.shape[...]) : x.storage, dtype: t.dtype)
            body = str(x.storage[...], x.shape[...], indent: indent, summarize: summarize, fmt)
        }
        if let g = t.gradFn { suffixes.append("grad_fn=<\(g)>") }
        if case .leaf? = t.origin { suffixes.append("requires_grad=True") }
        for s in suffixes {
            let lastLine = body.count - (body.lastIndex(of: "\n").map { body.distance(from: body.startIndex, to: $0) } ?? -1) + 1
            if lastLine + s.count + 2 > linewidth { body += ",\n" + String(repeating: " ", count: indent) + s }
            else { body += ", " + s }
        }
        let out = prefix + body + ")"
        return t.isParameter ? "Parameter containing:\n" + out : out
    }

    static func sub(_ v: ArraySlice<Float>, _ shape: ArraySlice<Int>, _ i: Int) -> ArraySlice<Float> {
        let step = shape.dropFirst().reduce(1, *)
        let start = v.startIndex + i * step
        return v[start..<(start + step)]
    }

    static func summarized(_ v: ArraySlice<Float>, _ shape: ArraySlice<Int>) -> [Float] {
        guard let n = shape.first else { return Array(v) }
        let rest = shape.dropFirst()
        let rows = n > 2 * edgeitems ? Array(0..<edgeitems) + Array((n - edgeitems)..<n) : Array(0..<n)
        if rest.isEmpty { return rows.map { v[v.startIndex + $0] } }
        return rows.flatMap { summarized(sub(v, shape, $0), rest) }
    }

    static func str(_ v: ArraySlice<Float>, _ shape: ArraySlice<Int>, indent: Int, summarize: Bool, _ f: Formatter) -> String {
        guard let n = shape.first else { return f.format(v.first ?? 0) }
        if shape.count == 1 {
            let elementLength = f.maxWidth + 2
            let perLine = max(1, (linewidth - indent) / elementLength)
            var data: [String]
            if summarize && n > 2 * edgeitems {
                data = (0..<edgeitems).map { f.format(v[v.startIndex + $0]) } + [" ..."]
                    + ((n - edgeitems)..<n).map { f.format(v[v.startIndex + $0]) }
            } else {
                data = v.map { f.format($0) }
            }
            var lines: [String] = []
            var i = 0
            while i < data.count { lines.append(data[i..<min(i + perLine, data.count)].joined(separator: ", ")); i += perLine }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let rest = shape.dropFirst()
        var slices: [String]
        if summarize && n > 2 * edgeitems {
            slices = (0..<edgeitems).map { str(sub(v, shape, $0), rest, indent: indent + 1, summarize: summarize, f) } + ["..."]
                + ((n - edgeitems)..<n).map { str(sub(v, shape, $0), rest, indent: indent + 1, summarize: summarize, f) }
        } else {
            slices = (0..<n).map { str(sub(v, shape, $0), rest, indent: indent + 1, summarize: summarize, f) }
        }
        let sep = "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: sep) + "]"
    }
}
