import Foundation

/// A size the engine refuses before allocating anything: what would pass its memory budget, or a product of
/// sizes that does not fit in an Int at all. `description` is one line.
public struct BudgetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is too large, e.g. "LSTM(2, 100000)".
    public var what: String
    /// The bytes it would need; nil when the sizes' product overflows 64 bits.
    public var bytes: Int?

    public var description: String {
        let need = bytes.map { "would need \(BudgetError.format($0))" } ?? "has sizes whose product overflows 64 bits"
        return "\(what) \(need); the engine's limit is \(BudgetError.format(RNNConfig.budgetBytes)) for parameters and activations"
    }

    static func format(_ b: Int) -> String {
        let mb = Double(b) / Double(1 << 20)
        if mb >= 1024 { return String(format: "%.1f GB", mb / 1024) }
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : String(format: "%.1f MB", mb)
    }
}

/// The engine's memory budget (DECISIONS.md, README "unroll engine"): parameters plus activations at most
/// 512 MB. Every size is checked with overflow-checked arithmetic before any buffer exists, so a hostile
/// hidden_size (100000, 2**63−1) or num_layers (10**9) is one clear message, never a trap or an abort.
extension RNNConfig {
    /// 512 MB.
    public static let budgetBytes = 512 << 20

    /// Bytes a number takes once printed in the result: the JSON tree node, its text and the output copy.
    static let printedBytes = 48

    /// Floats of the parameters (weights and biases of every layer and direction); nil on overflow.
    public var parameterCount: Int? {
        var total = Checked(0)
        let g = Checked(mode.gateCount) * hiddenSize, r = Checked(outputSize)
        for k in 0..<min(numLayers, 2) {
            let input = k == 0 ? Checked(inputSize) : r * numDirections
            var layer = g * (input + r)
            if bias { layer = layer + g * 2 }
            if projSize > 0 { layer = layer + r * hiddenSize }
            // Layers past the second all have the same shapes.
            total = total + layer * numDirections * (k == 0 ? 1 : numLayers - 1)
        }
        return total.value
    }

    /// Bytes a run holds at most, by the formula in the README: parameters twice (as given, and packed for
    /// the kernels), the input, the output, two layers' outputs and x·W_ihᵀ for up to 4 M floats of it; with a
    /// backward, the outputs, gates and cells it keeps for every layer and the gradients; `printed` numbers
    /// (what `unroll engine` prints) at `printedBytes` each. nil when it overflows.
    public func estimatedBytes(seqLen: Int, batch: Int, backward: Bool = false, printed: Int = 0) -> Int? {
        let LN: Checked = Checked(seqLen) * batch
        let H = hiddenSize, R = outputSize, D = numDirections
        let GH: Checked = Checked(H) * mode.gateCount
        let DR: Checked = Checked(R) * D
        let params = Checked(parameterCount)
        let perStep: Checked = Checked(numLayers) * D
        let states: Checked = perStep * batch * (Checked(R) + H)
        var floats: Checked = params * 2
        floats = floats + LN * inputSize
        floats = floats + LN * DR * 3
        floats = floats + ((LN * GH).value.map { Checked(Swift.min($0, RNNBase.projectionFloats)) } ?? Checked(nil))
        floats = floats + states * 2
        if backward {
            // Saved: every layer's output, gates, cells and o·tanh(c) or h·W_hn; then the gradients: of each
            // layer's input and output, of the hidden products (GRU, RNN), of the parameters, of x and hx.
            let gatesAndCells: Checked = GH + Checked(H) * 2
            floats = floats + LN * DR * numLayers
            floats = floats + perStep * LN * gatesAndCells
            let widest: Checked = DR.value.map { Checked(Swift.max(inputSize, $0)) } ?? Checked(nil)
            floats = floats + LN * widest * 2
            floats = floats + LN * GH
            floats = floats + LN * R
            floats = floats + params + states
        }
        let bytes: Checked = floats * 4 + Checked(printed) * Self.printedBytes
        return bytes.value
    }

    /// Throws when a run of `seqLen` steps over `batch` rows would pass `budgetBytes` (seqLen 0: the
    /// parameters alone, what constructing the module allocates). Public so MiniPy can refuse
    /// `torch.nn.RNN(2, 2**62)` before allocating, as `unroll engine` refuses such a case.
    public func checkBudget(seqLen: Int = 0, batch: Int = 0, backward: Bool = false, printed: Int = 0) throws(BudgetError) {
        let bytes = seqLen == 0 && batch == 0 && printed == 0
            ? (Checked(parameterCount) * 8).value
            : estimatedBytes(seqLen: seqLen, batch: batch, backward: backward, printed: printed)
        guard let bytes else { throw BudgetError(what: shortRepr, bytes: nil) }
        if bytes > Self.budgetBytes { throw BudgetError(what: shortRepr, bytes: bytes) }
    }

    /// `LSTM(2, 100000, num_layers=3)`: the sizes that matter for memory.
    var shortRepr: String {
        var s = "\(mode.className)(\(inputSize), \(hiddenSize)"
        if numLayers != 1 { s += ", num_layers=\(numLayers)" }
        if projSize > 0 { s += ", proj_size=\(projSize)" }
        if bidirectional { s += ", bidirectional=True" }
        return s + ")"
    }
}

/// An Int that turns into nil on overflow and stays nil (so a chain of products needs one check at the end).
struct Checked {
    var value: Int?
    init(_ v: Int?) { value = v }
    init(_ v: Checked) { value = v.value }

    static func * (a: Checked, b: Int) -> Checked { a * Checked(b) }
    static func + (a: Checked, b: Int) -> Checked { a + Checked(b) }
    static func * (a: Checked, b: Checked) -> Checked {
        guard let x = a.value, let y = b.value else { return Checked(nil) }
        let (r, o) = x.multipliedReportingOverflow(by: y)
        return Checked(o ? nil : r)
    }
    static func + (a: Checked, b: Checked) -> Checked {
        guard let x = a.value, let y = b.value else { return Checked(nil) }
        let (r, o) = x.addingReportingOverflow(y)
        return Checked(o ? nil : r)
    }
}
