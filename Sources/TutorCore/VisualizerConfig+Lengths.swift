import RNNEngine

extension VisualizerConfig {
    /// Batch element `b`'s real steps, as (length, 1, input_size): what a packed RNN reads of it.
    func realSteps(of b: Int, length: Int) -> Tensor {
        let (batch, width) = (input.shape[1], input.shape[2])
        var storage: [Float] = []
        storage.reserveCapacity(length * width)
        for t in 0..<length {
            let start = (t * batch + b) * width
            storage.append(contentsOf: input.storage[start..<(start + width)])
        }
        return Tensor(shape: [length, 1, width], storage: storage)
    }

    /// What a packed RNN keeps for batch element `b` past its length: each layer's h at the element's last
    /// real step, from the engine run on that element alone for its own length (pack_padded_sequence runs
    /// each sequence for its length only, so this is its h_n). nil without `lengths` or when it cannot run.
    public func keptStates(of b: Int, seed: UInt64) -> [[Float]]? {
        guard let lengths, lengths.indices.contains(b), input.shape.count == 3 else { return nil }
        var alone = self
        alone.lengths = nil
        alone.input = realSteps(of: b, length: lengths[b])
        guard case .success(let trace) = alone.trace(seed: seed) else { return nil }
        return (0..<trace.numLayers).map { trace.step(layer: $0, direction: 0, t: lengths[b] - 1).h(batch: 0) }
    }
}

extension VisualizerState {
    /// The real length of the batch element shown, when the lesson gives `lengths:`.
    public var shownLength: Int? {
        guard let lengths = config.lengths, lengths.indices.contains(batchElement) else { return nil }
        return lengths[batchElement]
    }

    /// Whether time step t is padding for the batch element shown.
    public func isPadding(t: Int) -> Bool { shownLength.map { t >= $0 } ?? false }

    /// Each layer's h that a packed run keeps over the shown element's padding (see `keptStates`).
    public var keptStates: [[Float]]? { config.keptStates(of: batchElement, seed: seed) }

    /// The lines under the grid while the current step is padding: where h stopped, and what the unpacked
    /// run (zeros fed in) made of it instead, both from the engine. Empty when the step is real.
    public func paddingNote(decimals: Int) -> [String] {
        guard let s = current, s.direction == 0, let n = shownLength, s.t >= n,
              let kept = keptStates, kept.indices.contains(s.layer) else { return [] }
        func numbers(_ v: [Float]) -> String {
            v.map { String(format: "%+.\(decimals)f", Double($0)) }.joined(separator: " ")
        }
        return ["t=\(s.t) is padding (length \(n)). Packed, h stays as at t=\(n - 1): \(numbers(kept[s.layer]))",
                "Unpacked, zeros go in and h moves to: \(numbers(s.h(batch: batchElement)))"]
    }
}
