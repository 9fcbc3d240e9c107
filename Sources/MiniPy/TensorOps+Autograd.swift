import RNNEngine

/// The autograd methods of a tensor: `backward`, `retain_grad`, `requires_grad_`, `detach`, `clone`, and `copy_`.
extension TensorOps {
    static let autograd: [String: TensorOp] = [
        "retain_grad": TensorOp(.method) { c throws(PyError) in
            switch c.input.origin {
            case .node(let n, let k)?: n.retainsGrad.insert(k)
            case .leaf?: break   // a leaf keeps its gradient anyway
            case nil: throw .runtime("can't retain_grad on Tensor that has requires_grad=False")
            }
            return .none
        },
        "backward": TensorOp(.method) { c throws(PyError) in
            let b = try c.bind(["gradient", "retain_graph", "create_graph", "inputs"], isMethod: true)
            var gradient: Tensor?
            if let g = b[0], !g.isNone {
                guard case .tensor(let gt) = g else { throw .typeError("gradients can be either Tensors or None, but got \(g.typeName)") }
                gradient = gt.t
            }
            var only: [GradLeaf]?
            if let given = b[3], !given.isNone {
                let items: [PyValue]
                if case .tensor = given { items = [given] } else { items = try c.interp.iterate(given) }
                only = items.compactMap { if case .tensor(let x) = $0, case .leaf(let l)? = x.origin { return l }; return nil }
            }
            try Autograd.backward(c.input, gradient: gradient, retainGraph: try c.flag(b[1]), inputs: only)
            return .none
        },
        "requires_grad_": TensorOp(.method) { c throws(PyError) in
            // As a statement (`w.requires_grad_()`), the interpreter binds w to what this returns.
            let b = try c.bind(["requires_grad"], isMethod: true)
            return .tensor(try c.interp.setRequiresGrad(c.input, try b[0]?.truthy() ?? true, method: true) ?? c.input)
        },
        "detach": TensorOp(.method) { c throws(PyError) in
            .tensor(PyTensor(c.x, dtype: c.input.dtype).withStrides(c.input.torchStrides))
        },
        "clone": TensorOp(.method) { c throws(PyError) in
            // torch's clone keeps the layout of a dense tensor (a transposed one stays transposed).
            let t = c.input
            return .tensor(Autograd.record("CloneBackward0", t.t, dtype: t.dtype, inputs: [t], saves: false) { g in [g] }
                .withStrides(Strides.preserved(t.t.shape, t.torchStrides)))
        },
        "copy_": TensorOp(.method) { c throws(PyError) in
            let t = c.input, x = c.x
            guard case .tensor(let src)? = c.args.first else { throw .typeError("copy_(): argument 'src' (position 1) must be Tensor") }
            let values = try tc { try Tensor.broadcasting(src.t, x) { v, _ in v } }
            guard values.shape == x.shape else {
                throw .runtime("output with shape \(pyShape(x.shape)) doesn't match the broadcast shape \(pyShape(values.shape))")
            }
            guard case .leaf(let leaf)? = t.origin else {
                // MiniPy's tensors are values: only a leaf (a parameter) can be changed where it lives.
                throw PyError(type: "NotImplementedError", message: "MiniPy changes tensors in place only for parameters; write x = y.clone() instead of x.copy_(y)")
            }
            guard !GradMode.isEnabled else {
                throw .runtime("a leaf Variable that requires grad is being used in an in-place operation.")
            }
            leaf.value = values
            return .tensor(t)
        },
    ]
}
