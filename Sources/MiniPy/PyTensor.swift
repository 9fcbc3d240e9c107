import RNNEngine

/// torch's storage: the values a tensor, every alias of it (`y = x`) and every view of it (`x[0]`, `x.t()`,
/// `x.view(...)`, `p.data`) share, so an in-place change through one (`x.zero_()`, `x[0] = 1`, `v.fill_(5)`,
/// an optimizer's step) is seen through all, as in torch. Its size never changes: values of another size go in
/// a new storage.
final class TensorStorage {
    /// The values as float32; for an integer tensor, its exact values rounded (for code that reads floats).
    private(set) var floats: [Float]
    /// An integer tensor's exact values (int64, and int32 kept within 32 bits); nil for float32 and bool.
    private(set) var ints: [Int]?
    /// The module whose parameter lives here: told of every change, so it reloads its engine.
    weak var owner: ModuleBase?

    init(floats: [Float]) { self.floats = floats }

    init(ints: [Int]) {
        self.ints = ints
        floats = ints.map { Float($0) }
    }

    var count: Int { floats.count }

    /// Writes `floats` (and, for an integer storage, `ints`: derived from the floats when nil) at `positions`,
    /// or over the whole storage in order when `positions` is nil.
    func write(floats newFloats: [Float], ints newInts: [Int]?, at positions: [Int]?) {
        if ints != nil {
            let exact = newInts ?? newFloats.map(intFromFloat)
            if let positions {
                for (k, p) in positions.enumerated() { ints![p] = exact[k]; floats[p] = Float(exact[k]) }
            } else {
                ints = exact
                floats = exact.map { Float($0) }
            }
        } else if let positions {
            for (k, p) in positions.enumerated() { floats[p] = newFloats[k] }
        } else {
            floats = newFloats
        }
        owner?.parametersChanged()
    }
}

/// torch's cast of a float to int64 on x86: truncation, and the "integer indefinite" (the smallest int64) for NaN,
/// infinities and values out of range.
func intFromFloat(_ f: Float) -> Int {
    guard f.isFinite, f >= -9.223372e18, f < 9.223372e18 else { return Int.min }
    return Int(f)
}

func intFromDouble(_ f: Double) -> Int {
    guard f.isFinite, f >= -9.223372036854775808e18, f < 9.223372036854775808e18 else { return Int.min }
    return Int(f)
}

/// int32's wrap-around, as torch stores an int32 result.
func wrapInt32(_ v: Int) -> Int { Int(Int32(truncatingIfNeeded: v)) }

/// torch's version counter: how many in-place changes a tensor's values have had, shared by its views (and
/// `detach()`), not by `.data`. An operation whose gradient reads its own output saves the version it made,
/// and backward refuses a changed one as torch does.
final class VersionCounter {
    var value = 0

    /// Backward's check of an output saved by the node `op` (torch's forward name: "Sigmoid", "Exp").
    func check(saved: Int, shape: [Int], op: String) throws(PyError) {
        guard value != saved else { return }
        throw .runtime("one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor \(pyShape(shape))], which is output 0 of \(op), is at version \(value); expected version \(saved) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).")
    }
}

/// The values of an output a node saved, read when backward runs: changed through `.data` (which torch does not
/// count), the gradient uses the changed values, as torch's does. Holds the storage, not the tensor, so the
/// node and its output do not keep each other alive.
final class SavedOutput {
    var storage: TensorStorage?
    func values(or made: [Float]) -> [Float] { storage?.floats ?? made }
}

/// A tensor object's identity (see `PyTensor.identity`), and the layout an in-place shape change
/// (`unsqueeze_`, `t_`) gave the object: every copy of the value (`y = x`, a list holding it) then sees it.
final class TensorIdentity {
    struct Layout {
        var shape: [Int]
        var positions: [Int]?
        var strides: [Int]?
        /// Which change this is (1, 2, …): a value that took its own strides after it ignores it.
        var generation: Int
    }
    var layout: Layout?
}

/// A tensor: its values (a view into a shared `TensorStorage`), shape, dtype and what autograd knows of it.
///
/// A tensor is a value that refers to its storage, as a Python name refers to a torch tensor: copies of it
/// (`y = x`, a list holding it) and its views share the values. Autograd's record (`origin`) belongs to the tensor
/// itself; an in-place operation makes a new record that the statement's target is bound to.
public struct PyTensor {
    private var ownStorage: TensorStorage
    private var ownShape: [Int]
    private var ownPositions: [Int]?
    private var ownStrides: [Int]?
    /// The in-place layout change this value has already taken into its own fields (0: none).
    private var seenGeneration = 0
    /// The layout an in-place shape change gave this tensor object after this value was made.
    private var changedLayout: TensorIdentity.Layout? {
        guard let l = identity.layout, l.generation > seenGeneration else { return nil }
        return l
    }
    /// For a view: where each element (row-major) sits in the storage. nil: the storage's elements in order.
    var positions: [Int]? { changedLayout.map(\.positions) ?? ownPositions }
    /// torch's strides when they are not the contiguous ones (see `Strides`).
    var strides: [Int]? {
        get { changedLayout.map(\.strides) ?? ownStrides }
        set {
            if let l = changedLayout { ownShape = l.shape; ownPositions = l.positions; seenGeneration = l.generation }
            ownStrides = newValue
        }
    }
    public var dtype: DType = .float32
    /// nil: does not require grad.
    var origin: GradOrigin?
    /// A module's parameter (printed as "Parameter containing:").
    var isParameter = false
    /// In-place changes of these values (see `VersionCounter`).
    var version = VersionCounter()
    /// Which Python object this is: copies of the value (`y = x`, a list holding it, an op returning its input) are
    /// the same object (`is`, dict keys); every new tensor, a view included, is a new one.
    private(set) var identity = TensorIdentity()
    /// For a view of a leaf (or of a view of one): that leaf, so an in-place change through the view is refused
    /// while the leaf requires grad, as torch refuses it.
    private(set) weak var leafBase: GradLeaf?

    public enum DType: String, CaseIterable, Sendable {
        case float32, int64, int32, bool

        /// ATen's scalar type name, as torch's C++ messages say it ("Float", "Long", "Bool").
        var scalarName: String {
            switch self { case .float32: "Float"; case .int64: "Long"; case .int32: "Int"; case .bool: "Bool" }
        }

        /// The legacy tensor type name in torch's messages ("torch.FloatTensor").
        var legacyTypeName: String { "torch.\(scalarName)Tensor" }

        var isFloatingPoint: Bool { self == .float32 }
        /// int64 or int32 (not bool): kept exactly, in `TensorStorage.ints`.
        var isInteger: Bool { self == .int64 || self == .int32 }

        /// torch's promotion order within MiniPy's dtypes: bool < int32 < int64 < float32.
        var rank: Int {
            switch self { case .bool: 0; case .int32: 1; case .int64: 2; case .float32: 3 }
        }

        /// A value of this dtype as stored (int32 wraps, bool is 0 or 1).
        func stored(_ v: Int) -> Int {
            switch self { case .int32: wrapInt32(v); case .bool: v != 0 ? 1 : 0; case .int64, .float32: v }
        }
    }

    /// A new tensor holding `t`'s values (an integer dtype takes them as torch casts floats).
    init(_ t: Tensor, dtype: DType = .float32) {
        ownShape = t.shape
        self.dtype = dtype
        if dtype.isInteger {
            ownStorage = TensorStorage(ints: t.storage.map { dtype.stored(intFromFloat($0)) })
        } else if dtype == .bool {
            ownStorage = TensorStorage(floats: t.storage.map { $0 != 0 ? 1 : 0 })
        } else {
            ownStorage = TensorStorage(floats: t.storage)
        }
    }

    /// A new integer (or bool) tensor holding exactly `ints`.
    init(ints: [Int], shape: [Int], dtype: DType = .int64) {
        ownShape = shape
        self.dtype = dtype
        if dtype.isInteger { ownStorage = TensorStorage(ints: ints.map(dtype.stored)) }
        else { ownStorage = TensorStorage(floats: ints.map { dtype == .bool ? ($0 != 0 ? 1 : 0) : Float($0) }) }
    }

    /// A tensor over a whole storage, in order.
    init(storage: TensorStorage, shape: [Int], dtype: DType = .float32) {
        ownStorage = storage
        ownShape = shape
        self.dtype = dtype
    }

    /// The leaf itself: its values and shape are the leaf's, whatever replaces them later.
    init(leaf: GradLeaf) {
        ownStorage = leaf.storage
        ownShape = leaf.shape
        origin = .leaf(leaf)
        identity = leaf.identity
    }

    /// A view of `base`: the same storage, element k being `base`'s element `map[k]` (row-major), or `base`'s
    /// elements in order when `map` is nil. No autograd record: the caller records one.
    init(viewOf base: PyTensor, shape: [Int], map: [Int]?) {
        ownStorage = base.storage
        ownShape = shape
        dtype = base.dtype
        if let map { ownPositions = map.map { base.positions?[$0] ?? $0 } } else { ownPositions = base.positions }
        version = base.version
        if case .leaf(let l)? = base.origin { leafBase = l } else { leafBase = base.leafBase }
    }

    /// A new tensor (its own storage) holding `base`'s elements at `map` (row-major), exactly, in `base`'s dtype.
    init(copying base: PyTensor, shape: [Int], map: [Int]?) {
        ownShape = shape
        dtype = base.dtype
        let floats = base.floats, ints = base.storage.ints.map { _ in base.exactInts }
        if let ints { ownStorage = TensorStorage(ints: map.map { m in m.map { ints[$0] } } ?? ints) }
        else { ownStorage = TensorStorage(floats: map.map { m in m.map { floats[$0] } } ?? floats) }
    }

    /// The storage this tensor's values live in (a leaf's: the leaf's current one).
    var storage: TensorStorage {
        if case .leaf(let l)? = origin { return l.storage }
        return ownStorage
    }

    var shape: [Int] {
        if case .leaf(let l)? = origin { return l.shape }
        return changedLayout?.shape ?? ownShape
    }

    /// `unsqueeze_`, `t_`…: this tensor object takes `view`'s layout (a view of its own storage), for every
    /// reference to it. Only for a tensor without autograd record (the caller refuses others).
    func takeLayout(of view: PyTensor) {
        let generation = (identity.layout?.generation ?? seenGeneration) + 1
        identity.layout = TensorIdentity.Layout(shape: view.shape, positions: view.positions, strides: view.strides, generation: generation)
    }

    var count: Int { shape.reduce(1, *) }

    /// The values as float32, row-major.
    var floats: [Float] {
        if case .leaf? = origin { return storage.floats }
        guard let positions else { return ownStorage.floats }
        let f = ownStorage.floats
        return positions.map { f[$0] }
    }

    /// An integer tensor's exact values, row-major (for float and bool: the values cast as torch casts them).
    var exactInts: [Int] {
        guard let ints = storage.ints else { return floats.map(intFromFloat) }
        guard case .leaf? = origin else { return positions.map { p in p.map { ints[$0] } } ?? ints }
        return ints
    }

    /// The values as a float32 tensor. Setting them makes a new tensor (its own storage) that autograd knows
    /// nothing of: an operation that has a gradient records its node after.
    public var t: Tensor {
        get { Tensor(shape: shape, storage: floats) }
        set {
            let dtype = dtype
            self = PyTensor(newValue, dtype: dtype)
        }
    }

    /// Writes new values into this tensor's elements where they live (every alias and view sees them).
    func write(floats: [Float], ints: [Int]? = nil) {
        let exact = ints.map { $0.map(dtype.stored) }
        storage.write(floats: dtype == .bool ? floats.map { $0 != 0 ? 1 : 0 } : floats, ints: exact, at: positions)
        version.value += 1
    }

    /// True for an integer tensor holding a value float32 cannot hold exactly (past 2**24): operations that read
    /// floats refuse it rather than answer wrongly.
    var hasInexactInts: Bool {
        guard let ints = storage.ints else { return false }
        return ints.contains { $0 > 16_777_216 || $0 < -16_777_216 }
    }

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

    /// torch's refusal of an in-place change to a leaf that requires grad, or to a view of one, in grad mode.
    func checkInPlace() throws(PyError) {
        guard GradMode.isEnabled else { return }
        if case .leaf(let l)? = origin, l.requiresGrad {
            throw .runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        if let l = leafBase, l.requiresGrad {
            throw .runtime("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
    }

    /// The same tensor without its autograd record, sharing its values (`detach()`, `.data`).
    var detached: PyTensor {
        var d = PyTensor(viewOf: self, shape: shape, map: nil)
        d.strides = strides
        d.leafBase = nil   // torch allows in-place changes through `.data` and `detach()`
        return d
    }
}
