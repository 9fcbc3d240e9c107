/// The first backward, kept as a reference for the tests of the fast one (`RNNBase.backward`): one batch row
/// at a time in Double, gates recomputed from the trace, written as the equations read. Not used by the
/// program (it ran at 2–3 GFLOP/s).
extension RNNBase {
    /// dL/d(everything) given dL/d(output), dL/d(h_n), dL/d(c_n) in the shapes forward returned (nil = zeros).
    /// - Complexity: O(layers · D · L · N · G·H · (input + R)).
    func referenceBackward(_ input: Tensor, hx: [Tensor]?, gradOutput: Tensor?, gradHN: Tensor?,
                         gradCN: Tensor?) throws(TorchError) -> RNNGradients {
        let tr = try trace(input, hx: hx)
        try checkUpstream([(tr.result.output, gradOutput), (tr.result.hN, gradHN), (tr.result.cN, gradCN)])
        let cfg = config
        let isBatched = input.dim == 3
        let (L, N, H, R, D) = (tr.seqLen, tr.batch, cfg.hiddenSize, cfg.outputSize, cfg.numDirections)
        let ld = cfg.numLayers * D

        // Upstream gradients made time-major and batched, as forward's own layout: (L, N, D·R), (ld, N, R|H).
        func batched(_ g: Tensor?, count: Int, batchDim: Int) -> [Double] {
            guard let g else { return [Double](repeating: 0, count: count) }
            var t = isBatched ? g : g.unsqueezed(batchDim)
            if batchDim == 0 { t = t.transposed01() }
            return t.storage.map(Double.init)
        }
        var dLayerOut = batched(gradOutput, count: L * N * D * R, batchDim: cfg.batchFirst ? 0 : 1)
        let dHN = batched(gradHN, count: ld * N * R, batchDim: 1)
        let dCN = batched(gradCN, count: cfg.mode == .lstm ? ld * N * H : 0, batchDim: 1)

        var dH0 = [Double](repeating: 0, count: ld * N * R)
        var dC0 = [Double](repeating: 0, count: cfg.mode == .lstm ? ld * N * H : 0)
        let perDirection = 2 + (cfg.bias ? 2 : 0) + (cfg.projSize > 0 ? 1 : 0)
        var gradsByIndex: [[Tensor]] = Array(repeating: [], count: ld)

        for layer in (0..<cfg.numLayers).reversed() {
            let inSize = layer == 0 ? cfg.inputSize : D * R
            var dLayerIn = [Double](repeating: 0, count: L * N * inSize)
            for d in 0..<D {
                let index = layer * D + d
                let p = Array(parameters[(index * perDirection)..<((index + 1) * perDirection)])
                let w = StepWeights(mode: cfg.mode, wIH: p[0], wHH: p[1], bIH: cfg.bias ? p[2] : nil,
                                    bHH: cfg.bias ? p[3] : nil, wHR: cfg.projSize > 0 ? p[perDirection - 1] : nil)
                var grads = StepWeightGradients(zerosLike: w)
                var dh = Array(dHN[(index * N * R)..<((index + 1) * N * R)])
                var dc = cfg.mode == .lstm ? Array(dCN[(index * N * H)..<((index + 1) * N * H)]) : []
                // The reverse direction ran t = L−1…0, so its backward runs t = 0…L−1.
                for t in (d == 0 ? Array((0..<L).reversed()) : Array(0..<L)) {
                    let step = tr.step(layer: layer, direction: d, t: t)
                    for b in 0..<N {
                        for j in 0..<R { dh[b * R + j] += dLayerOut[(t * N + b) * D * R + d * R + j] }
                    }
                    let r = w.backward(n: N, x: step.x.storage, hPrev: step.hPrev.storage, cPrev: step.cPrev?.storage,
                                       dh: dh, dc: cfg.mode == .lstm ? dc : nil, into: &grads)
                    for e in 0..<(N * inSize) { dLayerIn[t * N * inSize + e] += r.dx[e] }
                    dh = r.dhPrev
                    dc = r.dcPrev
                }
                dH0.replaceSubrange((index * N * R)..<((index + 1) * N * R), with: dh)
                if cfg.mode == .lstm { dC0.replaceSubrange((index * N * H)..<((index + 1) * N * H), with: dc) }
                let shapes = cfg.parameterShapes[(index * perDirection)..<((index + 1) * perDirection)].map(\.shape)
                gradsByIndex[index] = grads.tensors(shapes: shapes)
            }
            dLayerOut = dLayerIn
        }

        // Back to the caller's shapes: batch_first and unbatched undone as forward applied them.
        var dInput = Tensor(shape: [L, N, cfg.inputSize], storage: dLayerOut.map(Float.init))
        if cfg.batchFirst { dInput = dInput.transposed01() }
        if !isBatched { dInput = dInput.squeezed(cfg.batchFirst ? 0 : 1) }
        func state(_ values: [Double], _ size: Int) -> Tensor {
            let t = Tensor(shape: [ld, N, size], storage: values.map(Float.init))
            return isBatched ? t : t.squeezed(1)
        }
        var dHx = [state(dH0, R)]
        if cfg.mode == .lstm { dHx.append(state(dC0, H)) }
        return RNNGradients(input: dInput, hx: dHx, parameters: gradsByIndex.flatMap { $0 })
    }
}
