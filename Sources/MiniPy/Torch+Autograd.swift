import Foundation
import RNNEngine

extension PyTensor {
    /// `requires_grad=True` at creation: a new leaf. Only floating-point tensors can require grad.
    func requiringGrad(_ flag: Bool) throws(PyError) -> PyTensor {
        guard flag else { return self }
        guard dtype == .float32 else { throw .runtime("Only Tensors of floating point and complex dtype can require gradients") }
        return PyTensor(leaf: GradLeaf(t))
    }
}

/// What `tensor.grad_fn` gives: the recorded operation, printed as torch prints it. One object per node output
/// while it is held (`y.grad_fn is y.grad_fn`), as torch's node is one object.
final class GradFnObject: PyObject {
    let node: GradNode
    let index: Int
    private init(_ node: GradNode, _ index: Int) { self.node = node; self.index = index }

    static func of(_ node: GradNode, _ index: Int) -> GradFnObject {
        if let fn = node.fnObjects[index]?.object as? GradFnObject { return fn }
        let fn = GradFnObject(node, index)
        node.fnObjects[index] = WeakObject(fn)
        return fn
    }

    override var typeName: String { node.outputNames[index] }
    override func repr(_ interp: Interpreter) -> String {
        // torch prints an address; a fixed one keeps MiniPy's output deterministic.
        "<\(node.outputNames[index]) object at 0x7f0000000000>"
    }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "name":
            // torch's C++ nodes outside the generated ones keep their namespace in name(), not in repr.
            let n = node.outputNames[index]
            return .object(Builtin("name", method: true) { _, _, _ throws(PyError) in
                .str(n == "CopySlices" ? "torch::autograd::CopySlices" : n)
            })
        case "next_functions":
            // (function, output number) per input; a leaf's is its AccumulateGrad, a constant's None.
            return .tuple(node.inputs.map { input -> PyValue in
                switch input {
                case .node(let n, let k)?: .tuple([.object(GradFnObject.of(n, k)), .int(0)])
                case .leaf(let l)?: .tuple([.object(AccumulateGradObject.of(l)), .int(0)])
                case nil: .tuple([.none, .int(0)])
                }
            })
        default: return nil
        }
    }
    override var attributeNames: [String] { ["name", "next_functions"] }
}

/// The node that accumulates into a leaf's `.grad`, as `next_functions` shows it.
final class AccumulateGradObject: PyObject {
    let leaf: GradLeaf
    private init(_ leaf: GradLeaf) { self.leaf = leaf }
    static func of(_ leaf: GradLeaf) -> AccumulateGradObject {
        if let a = leaf.accumulator?.object as? AccumulateGradObject { return a }
        let a = AccumulateGradObject(leaf)
        leaf.accumulator = WeakObject(a)
        return a
    }
    override var typeName: String { "AccumulateGrad" }
    override func repr(_ interp: Interpreter) -> String { "<AccumulateGrad object at 0x7f0000000000>" }
    override func getAttribute(_ name: String, _ interp: Interpreter) throws(PyError) -> PyValue? {
        switch name {
        case "variable": return .tensor(PyTensor(leaf: leaf))
        case "next_functions": return .tuple([])
        case "name": return .object(Builtin("name", method: true) { _, _, _ throws(PyError) in .str("torch::autograd::AccumulateGrad") })
        default: return nil
        }
    }
    override var attributeNames: [String] { ["variable", "next_functions", "name"] }
}

/// A weak reference, for the caches of the objects above (they hold their node strongly).
final class WeakObject {
    weak var object: PyObject?
    init(_ object: PyObject) { self.object = object }
}

extension Interpreter {
    /// `torch.tanh(t)` and friends (the table's element-wise functions), for modules built on them.
    func activation(_ name: String, _ t: PyTensor) throws(PyError) -> PyTensor {
        try TensorOps.elementwise(t, name, TensorOps.unaries[name]!)
    }

    /// `t.grad = g` (a leaf's gradient, e.g. None to clear it), `t.requires_grad = flag` and `t.data = v`. A leaf
    /// changes where it lives (every reference sees it: a module's parameter, too) and nil is returned; a tensor that
    /// changes otherwise is returned for the target to be bound to.
    /// `tensor.NAME = value` for a name other than grad, requires_grad and data: torch's read-only properties
    /// refuse in their words; any other name torch keeps on the tensor object, which MiniPy's tensors (values)
    /// cannot hold.
    func tensorAttributeNotSettable(_ name: String) -> PyError {
        let properties: Set = ["shape", "dtype", "grad_fn", "is_leaf", "device", "ndim", "T", "mT", "H", "mH", "layout", "is_cuda",
                               "retains_grad", "itemsize", "nbytes", "name", "output_nr", "is_sparse", "is_quantized", "is_meta"]
        if properties.contains(name) { return .attributeError("attribute '\(name)' of 'torch._C.TensorBase' objects is not writable") }
        return PyError(type: "NotImplementedError", message: "MiniPy does not support setting attributes of a tensor yet ('\(name)')")
    }

    func setGradAttribute(_ t: PyTensor, _ name: String, _ value: PyValue) throws(PyError) -> PyTensor? {
        if name == "requires_grad" { return try setRequiresGrad(t, try value.truthy(), method: false) }
        if name == "data" {
            guard case .tensor(let v) = value else {
                throw .typeError("Variable data has to be a tensor, but got \(value.typeName)")
            }
            if case .leaf(let l)? = t.origin {
                guard v.dtype == t.dtype else {
                    throw PyError(type: "NotImplementedError", message: "MiniPy does not support changing a parameter's dtype through .data yet")
                }
                l.replaceData(v)
                return nil
            }
            var changed = v.detached
            changed.origin = t.origin
            return changed
        }
        let leaf: GradLeaf?
        if case .leaf(let l)? = t.origin { leaf = l } else { leaf = nil }
        switch value {
        case .none:
            leaf?.setGrad(nil)
        case .tensor(let g):
            guard g.shape == t.shape else {
                throw .runtime("attempting to assign a gradient of size '\(pyShape(g.shape))' to a tensor of size '\(pyShape(t.shape))'. Please ensure that the gradient and the tensor are the same size")
            }
            guard g.dtype == t.dtype else {
                // torch names the gradient's dtype in C++ ("long int") and the tensor's as ATen does ("Float").
                let cName: String
                switch g.dtype { case .float32: cName = "float"; case .int64: cName = "long int"; case .int32: cName = "int"; case .bool: cName = "bool" }
                throw .runtime("attempting to assign a gradient with dtype '\(cName)' to a tensor with grad_dtype '\(t.dtype.scalarName)'. The gradient must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set the tensor's grad_dtype attribute with a specific dtype, or None to allow any dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its gradient may break downstream systems that assume they match.")
            }
            leaf?.setGrad(g)
        default:
            throw .typeError("assigned grad expected to be a Tensor or None but got grad of type \(value.typeName)")
        }
        return nil
    }

    /// `requires_grad_(flag)` and `requires_grad = flag`: nil when a leaf changed in place.
    func setRequiresGrad(_ t: PyTensor, _ flag: Bool, method: Bool) throws(PyError) -> PyTensor? {
        switch t.origin {
        case .node?:
            if flag { return t }
            throw .runtime("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
        case .leaf(let l)?:
            l.requiresGrad = flag
            return nil
        case nil:
            guard flag else { return t }
            guard t.dtype == .float32 else {
                throw .runtime(method ? "only Tensors of floating point dtype can require gradients"
                                      : "only Tensors of floating point and complex dtype can require gradients")
            }
            return PyTensor(leaf: GradLeaf(t.t))
        }
    }
}
