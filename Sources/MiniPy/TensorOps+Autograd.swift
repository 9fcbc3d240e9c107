import RNNEngine

/// The autograd methods of a tensor: `backward`, `retain_grad`, `requires_grad_`, `detach`, `clone`.
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
        "detach": TensorOp { c throws(PyError) in .tensor(c.input.detached) },
        "clone": TensorOp(.method) { c throws(PyError) in
            // torch's clone keeps the layout of a dense tensor (a transposed one stays transposed).
            let t = c.input
            return .tensor(Autograd.record("CloneBackward0", t.copy(), inputs: [t], saves: false) { g in [g] }
                .withStrides(Strides.preserved(t.shape, t.torchStrides)))
        },
    ]
}
