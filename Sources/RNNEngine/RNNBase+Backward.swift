import CKernels

/// Backpropagation through time for `RNN`, `LSTM` and `GRU` (eval mode: no dropout, as forward).
///
///     let lstm = try LSTM(inputSize: 2, hiddenSize: 3)
///     let g = try lstm.base.backward(x, hx: nil, gradOutput: dOut, gradHN: nil, gradCN: nil)
///     g.input          // dL/dx, x's shape
///     g.hx             // [dL/dh_0, dL/dc_0]
///     g.parameters     // dL/dweight_ih_l0, dL/dweight_hh_l0, dL/dbias_ih_l0, dL/dbias_hh_l0
///
/// Float32, the whole batch at once, from the gates the forward saved: per step only the elementwise gate
/// derivatives (`ck_lstm_backward` and friends) and dh_{t−1} = dG_t·W_hh (a gemm on W_hhᵀ packed once per
/// call); the weight gradients are one product each over the whole sequence (dW_ih = dGᵀ·X, dW_hh =
/// dGᵀ·H_prev, dW_hr = dHᵀ·(o·tanh c)), and dX = dG·W_ih one more, through the forward's packed kernels.
extension RNNBase {
    /// dL/d(everything) given dL/d(output), dL/d(h_n), dL/d(c_n) in the shapes forward returned (nil = zeros).
    ///
    /// Runs the forward first (saving its gates), so bad input throws what forward throws; then the gradients
    /// are checked as `torch.autograd.backward` checks those given (see `checkUpstream`).
    /// - Complexity: O(layers · D · L · N · G·H · (input + R)), about twice the forward's products.
    public func backward(_ input: Tensor, hx: [Tensor]?, gradOutput: Tensor?, gradHN: Tensor?,
                         gradCN: Tensor?) throws(TorchError) -> RNNGradients {
        try forwardBackward(input, hx: hx, gradOutput: gradOutput, gradHN: gradHN, gradCN: gradCN).gradients
    }

    /// The forward's result and the gradients, from one forward (what `unroll engine` prints for a backward case).
    public func forwardBackward(_ input: Tensor, hx: [Tensor]?, gradOutput: Tensor?, gradHN: Tensor?,
                                gradCN: Tensor?) throws(TorchError) -> (output: RNNOutput, gradients: RNNGradients) {
        let prep = try prepare(input, hx: hx)
        defer { Workspace.trim() }
        let (result, saved) = run(prep, save: true)
        try checkUpstream([(result.output, gradOutput), (result.hN, gradHN), (result.cN, gradCN)])
        let cfg = config
        // Upstream gradients made time-major and batched, as forward's own layout: (L, N, D·R), (ld, N, R|H).
        func batched(_ g: Tensor?, batchDim: Int) -> [Float]? {
            guard let g else { return nil }
            var t = prep.isBatched ? g : g.unsqueezed(batchDim)
            if batchDim == 0 { t = t.transposed01() }
            return t.storage
        }
        let g = backwardPass(prep, saved: saved!, dOut: batched(gradOutput, batchDim: cfg.batchFirst ? 0 : 1),
                             dHN: batched(gradHN, batchDim: 1), dCN: batched(gradCN, batchDim: 1))
        // Back to the caller's shapes: batch_first and unbatched undone as forward applied them.
        let ld = cfg.numLayers * cfg.numDirections
        var dInput = Tensor(shape: [prep.seqLen, prep.batch, cfg.inputSize], storage: g.dx)
        if cfg.batchFirst { dInput = dInput.transposed01() }
        if !prep.isBatched { dInput = dInput.squeezed(cfg.batchFirst ? 0 : 1) }
        func state(_ values: [Float], _ size: Int) -> Tensor {
            let t = Tensor(shape: [ld, prep.batch, size], storage: values)
            return prep.isBatched ? t : t.squeezed(1)
        }
        var dHx = [state(g.dh0, cfg.outputSize)]
        if cfg.mode == .lstm { dHx.append(state(g.dc0, cfg.hiddenSize)) }
        let params = zip(g.params, parameters).map { Tensor(shape: $1.shape, storage: $0) }
        return (result, RNNGradients(input: dInput, hx: dHx, parameters: params))
    }

    /// The backward over time-major arrays (nil upstream = zeros): dL/dx (L·N × input_size), dL/dh_0
    /// (ld·N × R), dL/dc_0 (ld·N × H, LSTM) and one array per parameter in state_dict order.
    /// `saved` must come from `run(prep, save: true)` with nothing run on this thread since.
    func backwardPass(_ prep: PreparedInput, saved: SavedForward, dOut: [Float]?, dHN: [Float]?, dCN: [Float]?)
        -> (dx: [Float], dh0: [Float], dc0: [Float], params: [[Float]])
    {
        let cfg = config, mode = cfg.mode
        let (L, N, H, R, D, I) = (prep.seqLen, prep.batch, cfg.hiddenSize, cfg.outputSize, cfg.numDirections, cfg.inputSize)
        let GH = mode.gateCount * H, DR = D * R, LN = L * N, ld = cfg.numLayers * D
        let isLSTM = mode == .lstm, isGRU = mode == .gru, hasProjection = cfg.projSize > 0
        let perDirection = parameters.count / ld
        let widest = max(I, DR)

        var dh0 = [Float](repeating: 0, count: ld * N * R)
        var dc0 = [Float](repeating: 0, count: isLSTM ? ld * N * H : 0)
        var grads = parameters.map { [Float](repeating: 0, count: $0.count) }

        // dL/d(this layer's output) and dL/d(its input), swapped after each layer.
        let gradLayers = Workspace.buffer(.gradLayers, 2 * LN * widest)
        var dCur = gradLayers, dNext = gradLayers + LN * widest
        if let dOut { dOut.withUnsafeBufferPointer { if let s = $0.baseAddress { dCur.update(from: s, count: LN * DR) } } }
        else { dCur.update(repeating: 0, count: LN * DR) }
        // Per step: dh (N×R) | dc (N×H) | dhRaw (N×H) | dhTmp (N×R) | h_0 (ld·N×R) | c_0 (ld·N×H).
        let stepBuf = Workspace.buffer(.gradStep, 2 * N * R + 2 * N * H + ld * N * (R + H))
        let dh = stepBuf, dc = dh + N * R, dhRaw = dc + N * H, dhTmp = dhRaw + N * H
        let h0 = dhTmp + N * R, c0 = h0 + ld * N * R
        func load(_ a: [Float]?, into p: UnsafeMutablePointer<Float>, count: Int) {
            if let a { a.withUnsafeBufferPointer { if let s = $0.baseAddress { p.update(from: s, count: count) } } }
            else { p.update(repeating: 0, count: count) }
        }
        load(prep.h0, into: h0, count: ld * N * R)
        load(prep.c0, into: c0, count: isLSTM ? ld * N * H : 0)
        // RNN: dG for every step; GRU: dL/d(h·W_hhᵀ + b_hh) for every step (dL/d(x·W_ihᵀ) replaces the saved gates).
        let hiddenGrads = Workspace.buffer(.gradHidden, isLSTM ? 0 : LN * GH)
        let projected = Workspace.buffer(.gradProjected, hasProjection ? LN * R : 0)
        let packedRec = Workspace.buffer(.packedRecurrent, ck_packed_size(R, GH) + (hasProjection ? ck_packed_size(H, R) : 0))
        let packedW = packedRec, packedHR = packedRec + ck_packed_size(R, GH)
        let productFloats = [ck_packed_size(widest, LN), ck_packed_size(R, LN), ck_packed_size(H, LN),
                             ck_packed_size(widest, GH)].max()!
        let packed = Workspace.buffer(.packedProduct, productFloats)

        func withParameter<T>(_ k: Int, _ body: (UnsafePointer<Float>) -> T) -> T {
            parameters[k].storage.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(packed)) }
        }
        func withGrad(_ k: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) {
            grads[k].withUnsafeMutableBufferPointer { if let p = $0.baseAddress { body(p) } }
        }

        for layer in (0..<cfg.numLayers).reversed() {
            let inSize = layer == 0 ? I : DR
            let outs = saved.outputs + layer * LN * DR
            for d in 0..<D {
                let index = layer * D + d, k0 = index * perDirection
                let kHR = k0 + perDirection - 1
                withParameter(k0 + 1) { ck_pack_strided($0, R, GH, 1, R, 0, GH, packedW) }
                if hasProjection { withParameter(kHR) { ck_pack_strided($0, H, R, 1, H, 0, R, packedHR) } }
                load(dHN.map { Array($0[(index * N * R)..<((index + 1) * N * R)]) }, into: dh, count: N * R)
                if isLSTM { load(dCN.map { Array($0[(index * N * H)..<((index + 1) * N * H)]) }, into: dc, count: N * H) }
                let gatesBase = saved.gates + index * LN * GH
                for k in 0..<L {
                    let t = d == 0 ? L - 1 - k : k           // against the direction's own time order
                    let row = dCur + t * N * DR + d * R
                    for b in 0..<N {
                        let src = row + b * DR, dst = dh + b * R
                        for j in 0..<R { dst[j] += src[j] }
                    }
                    let tPrev = d == 0 ? t - 1 : t + 1
                    let hasPrev = tPrev >= 0 && tPrev < L
                    let hPrev = hasPrev ? UnsafePointer(outs + tPrev * N * DR + d * R) : UnsafePointer(h0 + index * N * R)
                    let ldh = hasPrev ? DR : R
                    let slot = (index * L + t) * N
                    switch mode {
                    case .lstm:
                        var dhr = dh
                        if hasProjection {
                            (projected + t * N * R).update(from: dh, count: N * R)
                            ck_gemm_ex(N, H, R, dh, R, 1, packedHR, nil, dhRaw, H, 0)
                            dhr = dhRaw
                        }
                        let cPrev = hasPrev ? saved.cells + (index * L + tPrev) * N * H : c0 + index * N * H
                        ck_lstm_backward(N, H, saved.gates + slot * GH, saved.cells + slot * H, cPrev, dhr, dc)
                        ck_gemm_ex(N, R, GH, saved.gates + slot * GH, GH, 1, packedW, nil, dh, R, 0)
                    case .gru:
                        let dgh = hiddenGrads + t * N * GH
                        ck_gru_backward(N, H, saved.gates + slot * GH, saved.extra + slot * H, hPrev, ldh, dh, dgh, dhTmp)
                        ck_gemm_ex(N, R, GH, dgh, GH, 1, packedW, nil, dhTmp, R, 1)
                        dh.update(from: dhTmp, count: N * R)
                    case .rnnTanh, .rnnRelu:
                        let dg = hiddenGrads + t * N * GH
                        ck_rnn_backward(mode == .rnnRelu ? 1 : 0, N, H, outs + t * N * DR + d * R, DR, dh, dg)
                        ck_gemm_ex(N, R, GH, dg, GH, 1, packedW, nil, dh, R, 0)
                    }
                }
                dh0.withUnsafeMutableBufferPointer { $0.baseAddress?.advanced(by: index * N * R).update(from: dh, count: N * R) }
                if isLSTM { dc0.withUnsafeMutableBufferPointer { $0.baseAddress?.advanced(by: index * N * H).update(from: dc, count: N * H) } }

                // The weight gradients, each one product over the whole sequence (k = L·N).
                let dGi = isLSTM || isGRU ? gatesBase : hiddenGrads
                let dGh = isGRU ? hiddenGrads : dGi
                if layer == 0 {
                    prep.x.withUnsafeBufferPointer { xb in
                        if let xs = xb.baseAddress { ck_pack_strided(xs, inSize, LN, 1, inSize, 0, LN, packed) }
                    }
                } else {
                    ck_pack_strided(saved.outputs + (layer - 1) * LN * DR, inSize, LN, 1, inSize, 0, LN, packed)
                }
                withGrad(k0) { ck_gemm_ex(GH, inSize, LN, dGi, 1, GH, packed, nil, $0, inSize, 0) }
                // H_prev: h_0 where the direction starts, else the step before in its own order.
                let h0p = h0 + index * N * R
                if d == 0 {
                    ck_pack_strided(h0p, R, LN, 1, R, 0, N, packed)
                    ck_pack_strided(outs + d * R, R, LN, 1, DR, N, LN, packed)
                } else {
                    ck_pack_strided(outs + N * DR + d * R, R, LN, 1, DR, 0, LN - N, packed)
                    ck_pack_strided(h0p, R, LN, 1, R, LN - N, LN, packed)
                }
                withGrad(k0 + 1) { ck_gemm_ex(GH, R, LN, dGh, 1, GH, packed, nil, $0, R, 0) }
                if cfg.bias {
                    withGrad(k0 + 2) { ck_colsum(LN, GH, dGi, GH, $0) }
                    withGrad(k0 + 3) { ck_colsum(LN, GH, dGh, GH, $0) }
                }
                if hasProjection {
                    ck_pack_strided(saved.extra + index * LN * H, H, LN, 1, H, 0, LN, packed)
                    withGrad(kHR) { ck_gemm_ex(R, H, LN, projected, 1, R, packed, nil, $0, H, 0) }
                }
                // dL/d(layer input) += dG·W_ih (the reverse direction adds to the forward's).
                withParameter(k0) { ck_pack_strided($0, inSize, GH, 1, inSize, 0, GH, packed) }
                ck_gemm_ex(LN, inSize, GH, dGi, GH, 1, packed, nil, dNext, inSize, d > 0 ? 1 : 0)
            }
            swap(&dCur, &dNext)
        }
        let dx = [Float](unsafeUninitializedCapacity: LN * I) { buf, n in
            if let p = buf.baseAddress { p.update(from: dCur, count: LN * I) }
            n = LN * I
        }
        return (dx, dh0, dc0, grads)
    }
}
