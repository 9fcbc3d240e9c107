/// The backward pass of `RNNCell`, `LSTMCell`, `GRUCell`: one step of `RNNBase.backward`.
///
///     let cell = LSTMCell(inputSize: 2, hiddenSize: 3).base
///     let g = try cell.backward(x, hx: [h, c], grads: [dh, nil])   // dL/dh' given, dL/dc' zero
///     g.input, g.hx[0], g.hx[1], g.parameters                        // x, h, c, then state_dict order
extension CellBase {
    /// `grads`: dL/dh' (and dL/dc' for LSTMCell), nil = zeros, in the shapes forward returned.
    ///
    /// Runs forward first, so bad input throws what forward throws; a gradient of the wrong shape throws
    /// PyTorch's "Mismatch in shape" RuntimeError. `hx` of the result has the shapes of the given hx
    /// (of h' and c' when hx is nil).
    /// - Complexity: O(N · G·H · (input_size + H)).
    public func backward(_ input: Tensor, hx: [Tensor]?, grads: [Tensor?]) throws(TorchError) -> RNNGradients {
        let outputs = try forward(input, hx: hx)
        if grads.count > outputs.count, grads[outputs.count...].contains(where: { $0 != nil }) {
            throw .runtime("\(className) returns \(outputs.count) tensor(s), but \(grads.count) gradients were given")
        }
        for (i, out) in outputs.enumerated() {
            try checkGradientShape(i < grads.count ? grads[i] : nil, output: out, index: i)
        }
        // forward accepted these, so they are (n, input_size) and (n, H) once made batched.
        let isBatched = input.dim == 2
        let x = isBatched ? input : input.unsqueezed(0)
        let n = x.shape[0], H = hiddenSize
        let stateCount = mode == .lstm ? 2 : 1
        let states: [[Float]] = (0..<stateCount).map { i in
            hx.map { $0[i].storage } ?? [Float](repeating: 0, count: n * H)
        }
        func upstream(_ i: Int) -> [Double] {
            guard i < grads.count, let g = grads[i] else { return [Double](repeating: 0, count: n * H) }
            return g.storage.map(Double.init)
        }
        let stepMode: RNNMode = mode == .rnnTanh && nonlinearity == "relu" ? .rnnRelu : mode
        let w = StepWeights(mode: stepMode, wIH: parameters[0], wHH: parameters[1],
                            bIH: bias ? parameters[2] : nil, bHH: bias ? parameters[3] : nil, wHR: nil)
        var g = StepWeightGradients(zerosLike: w)
        let r = w.backward(n: n, x: x.storage, hPrev: states[0], cPrev: mode == .lstm ? states[1] : nil,
                           dh: upstream(0), dc: mode == .lstm ? upstream(1) : nil, into: &g)
        var dHx = [Tensor(shape: hx?[0].shape ?? outputs[0].shape, storage: r.dhPrev.map(Float.init))]
        if mode == .lstm {
            dHx.append(Tensor(shape: hx?[1].shape ?? outputs[1].shape, storage: r.dcPrev.map(Float.init)))
        }
        return RNNGradients(input: Tensor(shape: input.shape, storage: r.dx.map(Float.init)), hx: dHx,
                            parameters: g.tensors(shapes: parameterShapes.map(\.shape)))
    }
}
