import RNNEngine

/// `torch.nn.utils.rnn.PackedSequence`: the time steps of a batch of sequences of different lengths, packed
/// (the rows of step t are the sequences still running at t, longest first). A named tuple in torch: it unpacks
/// and indexes as (data, batch_sizes, sorted_indices, unsorted_indices).
final class PackedSequenceObject: PyObject, NativeSpecialMethods {
    let data: PyTensor
    let batchSizes: [Int]
    /// The batch order sorted by length (longest first), and its inverse; nil when the input was already sorted.
    let sorted: [Int]?
    let unsorted: [Int]?

    init(data: PyTensor, batchSizes: [Int], sorted: [Int]?, unsorted: [Int]?) {
        self.data = data; self.batchSizes = batchSizes; self.sorted = sorted; self.unsorted = unsorted
    }

    override var typeName: String { "PackedSequence" }
    var batchSize: Int { batchSizes.first ?? 0 }

    /// Each sequence's length, in sorted (longest-first) order.
    var sortedLengths: [Int] { (0..<batchSize).map { j in batchSizes.filter { $0 > j }.count } }

    var items: [PyValue] {
        func indices(_ v: [Int]?) -> PyValue { v.map { .tensor(PyTensor(ints: $0, shape: [$0.count])) } ?? PyValue.none }
        return [.tensor(data), .tensor(PyTensor(ints: batchSizes, shape: [batchSizes.count])), indices(sorted), indices(unsorted)]
    }

    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "data": return items[0]
        case "batch_sizes": return items[1]
        case "sorted_indices": return items[2]
        case "unsorted_indices": return items[3]
        case "is_cuda": return .bool(false)
        case "to", "cpu":
            return .object(Builtin(name, method: true) { a, k, i throws(PyError) in
                for v in a + k.map(\.1) {
                    if case .object(let d as DeviceObject) = v { try d.check() }
                    if case .str(let s) = v { try DeviceObject.parse(s).check() }
                }
                return .object(self)
            })
        default: return nil
        }
    }
    override var attributeNames: [String] { ["data", "batch_sizes", "sorted_indices", "unsorted_indices", "is_cuda", "to", "cpu"] }

    override func repr(_ interp: Interpreter) -> String {
        let v = items.map { interp.repr($0) }
        return "PackedSequence(data=\(v[0]), batch_sizes=\(v[1]), sorted_indices=\(v[2]), unsorted_indices=\(v[3]))"
    }

    func specialMethod(_ name: String) -> PyValue? {
        switch name {
        case "__len__": return .object(Builtin(name, method: true) { _, _, _ throws(PyError) in .int(4) })
        case "__getitem__": return .object(Builtin(name, method: true) { a, _, i throws(PyError) in try i.getItem(.tuple(self.items), a[0]) })
        case "__iter__": return .object(Builtin(name, method: true) { _, _, _ throws(PyError) in .object(SequenceIterator(.items(self.items), name: "tuple_iterator")) })
        default: return nil
        }
    }
}

/// `torch.nn.utils.rnn`: padding and packing, with torch's checks and messages.
enum Packing {
    nonisolated(unsafe) static let namespace = Namespace("torch.nn.utils.rnn", [
        "pad_sequence": Builtins.fn("pad_sequence") { a, k, i throws(PyError) in
            let b = try bind("pad_sequence", ["sequences", "batch_first", "padding_value", "padding_side"], required: 1, a, k)
            let side = try b[3].map { v throws(PyError) in try i.str(v) } ?? "right"
            guard side == "right" || side == "left" else { throw .valueError("Expected padding_side to be one of left or right, but got \(side).") }
            // torch's C++ binding takes batch_first as a bool only (3, 1.0 and None are TypeErrors).
            var batchFirst = false
            if let v = b[1] {
                guard case .bool(let flag) = v else {
                    throw .typeError("pad_sequence(): argument 'batch_first' (position 2) must be bool, not \(v.typeName)")
                }
                batchFirst = flag
            }
            if let v = b[2], v.asDouble == nil {
                throw .typeError("pad_sequence(): argument 'padding_value' (position 3) must be float, not \(v.typeName)")
            }
            return .tensor(try padSequence(try tensors(b[0]!, i), batchFirst: batchFirst,
                                           value: b[2]?.asDouble ?? 0, left: side == "left", interp: i))
        },
        "pack_padded_sequence": Builtins.fn("pack_padded_sequence") { a, k, i throws(PyError) in
            let b = try bind("pack_padded_sequence", ["input", "lengths", "batch_first", "enforce_sorted"], required: 2, a, k)
            let given = try lengths(b[1]!, i)
            let enforceSorted = try b[3]?.truthy() ?? true
            guard case .tensor(let input) = b[0]! else {
                // Sorting first moves the order to input.device; otherwise the C++ packer's parser names the type.
                if !enforceSorted { throw .attributeError("'\(b[0]!.typeName)' object has no attribute 'device'") }
                throw .typeError("_pack_padded_sequence(): argument 'input' (position 1) must be Tensor, not \(b[0]!.typeName)")
            }
            return .object(try packPadded(input, given, batchFirst: try b[2]?.truthy() ?? false, enforceSorted: enforceSorted, interp: i))
        },
        "pad_packed_sequence": Builtins.fn("pad_packed_sequence") { a, k, i throws(PyError) in
            let b = try bind("pad_packed_sequence", ["sequence", "batch_first", "padding_value", "total_length"], required: 1, a, k)
            guard case .object(let p as PackedSequenceObject) = b[0]! else {
                throw .attributeError("'\(b[0]!.typeName)' object has no attribute 'batch_sizes'")
            }
            let total = try b[3].flatMap { v throws(PyError) -> Int? in v.isNone ? nil : try i.intArg("pad_packed_sequence", "total_length", v) }
            return try padPacked(p, batchFirst: try b[1]?.truthy() ?? false, value: b[2]?.asDouble ?? 0, totalLength: total, interp: i)
        },
        "pack_sequence": Builtins.fn("pack_sequence") { a, k, i throws(PyError) in
            let b = try bind("pack_sequence", ["sequences", "enforce_sorted"], required: 1, a, k)
            let seqs = try tensors(b[0]!, i)
            let padded = try padSequence(seqs, batchFirst: false, value: 0, left: false, interp: i)
            return .object(try packPadded(padded, seqs.map { $0.shape.first ?? 1 }, batchFirst: false,
                                          enforceSorted: try b[1]?.truthy() ?? true, interp: i))
        },
        "unpad_sequence": Builtins.fn("unpad_sequence") { a, k, i throws(PyError) in
            let b = try bind("unpad_sequence", ["padded_sequences", "lengths", "batch_first"], required: 2, a, k)
            guard case .tensor(var padded) = b[0]! else { throw .attributeError("'\(b[0]!.typeName)' object has no attribute 'transpose'") }
            if !(try b[2]?.truthy() ?? false) {
                guard case .tensor(let t) = try i.call(try i.attribute(.tensor(padded), "transpose"), [.int(0), .int(1)], []) else { return .none }
                padded = t
            }
            var out: [PyValue] = []
            for (k, n) in try lengths(b[1]!, i).enumerated() {
                out.append(try i.tensorIndex(padded, [.int(k), .object(SliceObject(.none, .int(n), .none))]))
            }
            return .list(PyList(out))
        },
        "PackedSequence": .object(PyClass("PackedSequence", qualified: "torch.nn.utils.rnn.PackedSequence") { _, _, _ throws(PyError) in
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support constructing PackedSequence directly yet; use pack_padded_sequence or pack_sequence")
        }),
    ])

    /// The tensors of a list or tuple (torch's message for anything else in it).
    static func tensors(_ v: PyValue, _ interp: Interpreter) throws(PyError) -> [PyTensor] {
        var out: [PyTensor] = []
        for (k, x) in try interp.iterate(v).enumerated() {
            guard case .tensor(let t) = x else { throw .typeError("expected Tensor as element \(k) in argument 0, but got \(x.typeName)") }
            out.append(t)
        }
        return out
    }

    /// `lengths`: a list of numbers or a 1-D tensor.
    /// torch makes it `torch.as_tensor(lengths, dtype=torch.int64)` first, so a number is a 0-D Long tensor.
    static func lengths(_ v: PyValue, _ interp: Interpreter) throws(PyError) -> [Int] {
        func notOneD(_ dims: Int) -> PyError {
            .runtime("'lengths' argument should be a 1D CPU int64 tensor, but got \(dims)D cpu Long tensor")
        }
        if case .tensor(let t) = v {
            guard t.shape.count == 1 else { throw notOneD(t.shape.count) }
            return t.dtype.isFloatingPoint ? t.floats.map(intFromFloat) : t.exactInts
        }
        if v.asDouble != nil { throw notOneD(0) }
        var out: [Int] = []
        for x in try interp.iterate(v) {
            if case .list = x { throw notOneD(2) }
            if case .tuple = x { throw notOneD(2) }
            guard let d = x.asIndex ?? x.asDouble.map(intFromDouble) else { throw .typeError("an integer is required (got type \(x.typeName))") }
            out.append(d)
        }
        return out
    }

    /// `pad_sequence`: (T, B, *) (or (B, T, *)) filled with `value`, each sequence copied in (at the end for `left`).
    static func padSequence(_ seqs: [PyTensor], batchFirst: Bool, value: Double, left: Bool, interp: Interpreter) throws(PyError) -> PyTensor {
        guard let first = seqs.first else { throw .runtime("received an empty list of sequences") }
        let trailing = Array(first.shape.dropFirst())
        var seqs = seqs
        for (k, s) in seqs.enumerated() where Array(s.shape.dropFirst()) != trailing {
            // torch copies each sequence into out[:len, i] (copy_ broadcasts the sequence, never the slice).
            let target = [s.shape.first ?? 1] + trailing
            let rank = max(target.count, s.shape.count)
            for i in 1...rank {   // infer_size: from the last dimension
                let a = i <= target.count ? target[target.count - i] : 1, b = i <= s.shape.count ? s.shape[s.shape.count - i] : 1
                if a != b && a != 1 && b != 1 {
                    throw .runtime("The size of tensor a (\(a)) must match the size of tensor b (\(b)) at non-singleton dimension \(rank - i)")
                }
            }
            let broadcast = (try? Tensor.broadcastShape(target, s.shape)) ?? s.shape
            if broadcast != target {
                throw .runtime("output with shape \(pyShape(target)) doesn't match the broadcast shape \(pyShape(broadcast))")
            }
            guard case .tensor(let expanded) = try interp.call(try interp.attribute(.tensor(s), "expand"), target.map { .int($0) }, []) else { continue }
            seqs[k] = expanded
        }
        let t = seqs.map { $0.shape.first ?? 1 }.max() ?? 0, b = seqs.count
        let inner = trailing.reduce(1, *)
        let shape = (batchFirst ? [b, t] : [t, b]) + trailing
        let count = try interp.checkedShape("pad_sequence", shape)
        // For each output element: (sequence, element) or padding.
        var picks = [(Int, Int)?](repeating: nil, count: count)
        for (k, s) in seqs.enumerated() {
            let n = s.shape.first ?? 1
            for step in 0..<n {
                let row = left ? t - n + step : step
                let base = batchFirst ? (k * t + row) * inner : (row * b + k) * inner
                for j in 0..<inner { picks[base + j] = (k, step * inner + j) }
            }
        }
        return gatherFrom(seqs, picks, shape: shape, fill: value, gradName: "CopySlices")
    }

    /// Elements picked from several tensors (nil: `fill`), in the widest dtype, recorded with each part's gradient.
    static func gatherFrom(_ parts: [PyTensor], _ picks: [(Int, Int)?], shape: [Int], fill: Double, gradName: String) -> PyTensor {
        let dtype = parts.map(\.dtype).max { $0.rank < $1.rank } ?? .float32
        if !dtype.isFloatingPoint {
            let values = parts.map(\.exactInts)
            return PyTensor(ints: picks.map { p in p.map { values[$0.0][$0.1] } ?? intFromDouble(fill) }, shape: shape, dtype: dtype)
        }
        let values = parts.map(\.floats), shapes = parts.map(\.shape)
        let out = picks.map { p in p.map { values[$0.0][$0.1] } ?? Float(fill) }
        return Autograd.record(gradName, Tensor(shape: shape, storage: out), inputs: parts) { g in
            var grads = shapes.map { [Float](repeating: 0, count: $0.reduce(1, *)) }
            for (o, p) in picks.enumerated() { if let (k, e) = p { grads[k][e] += g.storage[o] } }
            return zip(grads, shapes).map { Tensor(shape: $1, storage: $0) }
        }
    }

    /// `pack_padded_sequence`: checks as torch's, then the rows of each step for the sequences still running.
    static func packPadded(_ input: PyTensor, _ lengths: [Int], batchFirst: Bool, enforceSorted: Bool, interp: Interpreter) throws(PyError) -> PackedSequenceObject {
        let shape = input.shape
        if shape.count == 1 { throw .indexError("Dimension out of range (expected to be in range of [-1, 0], but got 1)") }
        guard shape.count >= 2 else { throw .runtime("Expected `len(lengths)` to be equal to batch_size, but got \(lengths.count) (batch_size=\(shape.first ?? 0))") }
        let (t, b) = batchFirst ? (shape[1], shape[0]) : (shape[0], shape[1])
        var sorted: [Int]?, unsorted: [Int]?
        var order = Array(0..<lengths.count)
        if !enforceSorted {
            order.sort { lengths[$0] != lengths[$1] ? lengths[$0] > lengths[$1] : $0 < $1 }
            var inverse = [Int](repeating: 0, count: order.count)
            for (k, o) in order.enumerated() { inverse[o] = k }
            sorted = order
            unsorted = inverse
        }
        // Unsorted, torch first picks the batch in sorted order with index_select: more lengths than the batch has
        // fail there (index_select's words), fewer pack just the rows they pick.
        var packedBatch = b
        if !enforceSorted {
            if lengths.count > b {
                if batchFirst { throw .indexError("index out of range in self") }
                throw .runtime("INDICES element is out of DATA bounds, id=\(order.first { $0 >= b }!) axis_dim=\(b)")
            }
            packedBatch = lengths.count
        }
        // _pack_padded_sequence's checks, in its order: the count, the last length, then the order (as it packs).
        guard lengths.count == packedBatch else {
            throw .runtime("Expected `len(lengths)` to be equal to batch_size, but got \(lengths.count) (batch_size=\(packedBatch))")
        }
        let sortedLengths = order.map { lengths[$0] }
        guard sortedLengths.last.map({ $0 > 0 }) ?? true else {
            throw .runtime("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0")
        }
        for k in 1..<max(sortedLengths.count, 1) where sortedLengths[k] > sortedLengths[k - 1] {
            throw .runtime("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.")
        }
        let steps = sortedLengths.first ?? 0
        let batchSizes = (0..<steps).map { s in sortedLengths.filter { $0 > s }.count }
        let inner = shape.dropFirst(2).reduce(1, *)
        var map: [Int] = []
        for s in 0..<min(steps, t) {
            for j in 0..<batchSizes[s] {
                let k = order[j]
                let base = batchFirst ? (k * t + s) * inner : (s * b + k) * inner
                for e in 0..<inner { map.append(base + e) }
            }
        }
        let data = TensorOps.gathered(input, [map.count / max(inner, 1)] + Array(shape.dropFirst(2)), map, "PackPaddedSequenceBackward0")
        return PackedSequenceObject(data: data, batchSizes: batchSizes, sorted: sorted, unsorted: unsorted)
    }

    /// `pad_packed_sequence`: the padded batch in the original order, and each sequence's length.
    static func padPacked(_ p: PackedSequenceObject, batchFirst: Bool, value: Double, totalLength: Int?, interp: Interpreter) throws(PyError) -> PyValue {
        let steps = p.batchSizes.count
        if let totalLength, totalLength < steps {
            throw .valueError("Expected total_length to be at least the length of the longest sequence in input, but got total_length=\(totalLength) and max sequence length being \(steps)")
        }
        let t = totalLength ?? steps, b = p.batchSize
        let trailing = Array(p.data.shape.dropFirst()), inner = trailing.reduce(1, *)
        let shape = (batchFirst ? [b, t] : [t, b]) + trailing
        let count = try interp.checkedShape("pad_packed_sequence", shape)
        // ATen's _pad_packed_sequence views each run of equal batch sizes out of `data`. Data shorter than the batch
        // sizes say (pack_padded_sequence given a length past the padded input, which torch packs clamped) fails
        // there with view's message; it was an index out of range here (found by the minipy fuzzer).
        let rows = p.data.shape.first ?? 0
        var offset = 0, previous = 0, previousBatch = p.batchSizes.first ?? 0
        for i in 0...steps {
            let batch = i < steps ? p.batchSizes[i] : 0
            if batch != previousBatch {
                let l = previousBatch * (i - previous)
                let have = max(0, min(l, rows - offset))
                if have != l { throw .runtime("shape '\(pyShape([i - previous, previousBatch] + trailing))' is invalid for input of size \(have * inner)") }
                offset += l
                previous = i
            }
            previousBatch = batch
        }
        var picks = [(Int, Int)?](repeating: nil, count: count)
        var row = 0
        for s in 0..<steps {
            for j in 0..<p.batchSizes[s] {
                let k = p.unsorted.map { _ in p.sorted![j] } ?? j   // the original batch position of sorted row j
                let base = batchFirst ? (k * t + s) * inner : (s * b + k) * inner
                for e in 0..<inner { picks[base + e] = (0, row * inner + e) }
                row += 1
            }
        }
        // torch pads time-major and transposes for batch_first (a view: TransposeBackward0, batch-major strides);
        // unsorted, the index_select that restores the order comes last and is contiguous.
        let transposed = batchFirst && p.unsorted == nil
        var padded = gatherFrom([p.data], picks, shape: shape, fill: value,
                                gradName: p.unsorted != nil ? "IndexSelectBackward0" : transposed ? "TransposeBackward0" : "CopySlices")
        if transposed {
            var trailingStrides: [Int] = []
            var stride = 1
            for d in trailing.reversed() { trailingStrides.insert(stride, at: 0); stride *= d }
            padded = padded.withStrides([inner, b * inner] + trailingStrides)
        }
        let sortedLengths = p.sortedLengths
        var lengths = sortedLengths
        if let sorted = p.sorted { for (j, k) in sorted.enumerated() { lengths[k] = sortedLengths[j] } }
        return .tuple([.tensor(padded), .tensor(PyTensor(ints: lengths, shape: [lengths.count]))])
    }
}
