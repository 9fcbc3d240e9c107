import Yams

extension DecodingContext {
    /// The visualize section's `lengths:`: one real length per batch element, each from 1 to seq_len (as
    /// pack_padded_sequence asks; any order, as with enforce_sorted=False). nil after reporting a problem.
    /// `inputShape` is nil when the input itself was rejected (reported there).
    func visualizeLengths(_ node: Node, inputShape: [Int]?, bidirectional: Bool?) -> [Int]? {
        guard let items = sequence(node, "lengths") else { return nil }
        var lengths: [Int] = []
        for item in items {
            guard case .scalar(let s) = item, let n = Int(s.string) else {
                report(item, "'lengths' must hold whole numbers, got \(describe(item))")
                return nil
            }
            lengths.append(n)
        }
        if bidirectional == true {
            // The reverse direction of a packed run starts at each sequence's own last step: not drawn yet.
            report(node, "'lengths' is for a one-direction module; remove 'bidirectional: true' or 'lengths'")
            return nil
        }
        guard let inputShape else { return nil }
        guard inputShape.count == 3 else {
            report(node, "'lengths' needs a batched input (seq_len × batch × input_size); this input has no batch")
            return nil
        }
        let (steps, batch) = (inputShape[0], inputShape[1])
        guard lengths.count == batch else {
            report(node, "\(lengths.count) lengths for a batch of \(batch); give one length per batch element")
            return nil
        }
        for (b, n) in lengths.enumerated() where !(1...steps).contains(n) {
            report(items[b], "length \(n) of batch element \(b) is not between 1 and the input's \(steps) time steps")
            return nil
        }
        return lengths
    }
}
