/// The backward pass of `RNNCell`, `LSTMCell`, `GRUCell`: one step of `RNNBase.backward`, the same code.
///
///     let cell = LSTMCell(inputSize: 2, hiddenSize: 3).base
///     let g = try cell.backward(x, hx: [h, c], grads: [dh, nil])   // dL/dh' given, dL/dc' zero
///     g.input, g.hx[0], g.hx[1], g.parameters                        // x, h, c, then state_dict order
extension CellBase {
    /// `grads`: dL/dh' (and dL/dc' for LSTMCell), nil = zeros, in the shapes forward returned.
    ///
    /// Runs forward first, so bad input throws what forward throws; the gradients given are checked as
    /// `torch.autograd.backward` checks them (`checkUpstream`). `hx` of the result has the shapes of the
    /// given hx (of h' and c' when hx is nil).
    /// - Complexity: O(N · G·H · (input_size + H)).
    public func backward(_ input: Tensor, hx: [Tensor]?, grads: [Tensor?]) throws(TorchError) -> RNNGradients {
        let outputs = try forward(input, hx: hx)
        if grads.count > outputs.count, grads[outputs.count...].contains(where: { $0 != nil }) {
            throw .runtime("\(className) returns \(outputs.count) tensor(s), but \(grads.count) gradients were given")
        }
        try checkUpstream(outputs.indices.map { (outputs[$0], $0 < grads.count ? grads[$0] : nil) })
        // forward accepted these, so they are (n, input_size) and (n, H) once made batched.
        let x = input.dim == 2 ? input : input.unsqueezed(0)
        let n = x.shape[0], H = hiddenSize
        let stepMode: RNNMode = mode == .rnnTanh && nonlinearity == "relu" ? .rnnRelu : mode
        let module = RNNBase(cell: RNNConfig.cell(mode: stepMode, inputSize: inputSize, hiddenSize: H, bias: bias),
                             parameters: parameters, packed: packed)
        let prep = PreparedInput(x: x.storage, seqLen: 1, batch: n, isBatched: true,
                                 h0: hx.map { $0[0].storage }, c0: mode == .lstm ? hx.map { $0[1].storage } : nil)
        defer { Workspace.trim() }
        let (_, saved) = module.run(prep, save: true)
        func upstream(_ i: Int) -> [Float]? { i < grads.count ? grads[i]?.storage : nil }
        let g = module.backwardPass(prep, saved: saved!, dOut: nil, dHN: upstream(0), dCN: mode == .lstm ? upstream(1) : nil)
        var dHx = [Tensor(shape: hx?[0].shape ?? outputs[0].shape, storage: g.dh0)]
        if mode == .lstm { dHx.append(Tensor(shape: hx?[1].shape ?? outputs[1].shape, storage: g.dc0)) }
        return RNNGradients(input: Tensor(shape: input.shape, storage: g.dx), hx: dHx,
                            parameters: zip(g.params, parameters).map { Tensor(shape: $1.shape, storage: $0) })
    }
}
