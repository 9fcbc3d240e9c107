import RNNEngine

/// A tensor and its dtype (float32, or int64 for integer data, or bool), and what autograd knows of it.
public struct PyTensor {
    private var stored: Tensor
    /// The values. A leaf that requires grad reads them from its `GradLeaf`, so every copy of it sees an
    /// optimizer's step, as every reference to one torch tensor would. Setting the values makes a new tensor
    /// that autograd knows nothing of: an operation that has a gradient records its node after.
    public var t: Tensor {
        get { if case .leaf(let l)? = origin { return l.value }; return stored }
        set { stored = newValue; origin = nil; strides = nil }
    }
    /// torch's strides when they are not the contiguous ones (see `Strides`).
    var strides: [Int]?
    public var dtype: DType = .float32
    /// nil: does not require grad.
    var origin: GradOrigin?
    /// A module's parameter (printed as "Parameter containing:").
    var isParameter = false

    public enum DType: String {
        case float32, int64, bool

        /// ATen's scalar type name, as torch's C++ messages say it ("Float", "Long", "Bool").
        var scalarName: String {
            switch self { case .float32: "Float"; case .int64: "Long"; case .bool: "Bool" }
        }

        /// The legacy tensor type name in torch's messages ("torch.FloatTensor").
        var legacyTypeName: String { "torch.\(scalarName)Tensor" }
    }

    init(_ t: Tensor, dtype: DType = .float32) { stored = t; self.dtype = dtype }

    init(leaf: GradLeaf) { stored = leaf.value; origin = .leaf(leaf) }

    var requiresGrad: Bool {
        switch origin {
        case .leaf(let l)?: l.requiresGrad
        case .node?: true
        case nil: false
        }
    }

    /// The `grad_fn` name torch prints, for the output of a recorded operation.
    var gradFn: String? {
        if case .node(let n, let i)? = origin { return n.outputNames[i] }
        return nil
    }

    var isLeaf: Bool { if case .node? = origin { return false }; return true }

    /// The origin autograd records for this tensor as an input: nil when it does not require grad.
    var gradInput: GradOrigin? { requiresGrad ? origin : nil }
}
