/// A small deterministic generator (SplitMix64, Steele et al. 2014): the same seed gives the same
/// numbers on every run and machine. Not torch's generator, so default weights differ from torch's.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high), computed in Double from the top 53 bits, then rounded to Float.
    public mutating func uniform(_ low: Double, _ high: Double) -> Float {
        let u = Double(next() >> 11) * 0x1p-53
        return Float(low + (high - low) * u)
    }

    /// A tensor uniform in (−bound, bound), filled in row-major order (as `init.uniform_`).
    public mutating func uniformTensor(_ shape: [Int], bound: Double) -> Tensor {
        let n = shape.reduce(1, *)
        var s = [Float](repeating: 0, count: n)
        for i in 0..<n { s[i] = uniform(-bound, bound) }
        return Tensor(shape: shape, storage: s)
    }
}
