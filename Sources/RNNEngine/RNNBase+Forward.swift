import CKernels

/// What a forward keeps for the backward, in the thread's workspace (valid until the next engine call on
/// this thread). Index `i = layer·D + direction`; each block is time-major, `t·N` rows of its width.
struct SavedForward {
    /// Every layer's output, L·N × D·R each (layer k at k·L·N·D·R): layer k + 1's input, and each step's h.
    let outputs: UnsafeMutablePointer<Float>
    /// Gate values (LSTM i|f|g|o, GRU r|z|n), L·N × G·H per index.
    let gates: UnsafeMutablePointer<Float>
    /// LSTM: c_t, L·N × H per index.
    let cells: UnsafeMutablePointer<Float>
    /// LSTM with proj_size: o·tanh(c_t); GRU: h·W_hnᵀ + b_hn. L·N × H per index.
    let extra: UnsafeMutablePointer<Float>
}

extension RNNBase {
    /// Time steps of x·W_ihᵀ computed in one product: runs of about 64 K floats (256 KB) of result, as the stepper,
    /// so each step reads its gi from L2 rather than L3, when such a run still has at least 128 rows (the medium
    /// size: 8 steps of 16; the 16 MB runs measured ~4 % slower there). With fewer rows per run the product would
    /// stream W_ih from L3 again for every few rows (the large LSTM: one step of 64 rows measured up to 5 %
    /// slower), so there runs of up to 4 M floats (16 MB): 32 steps, 2048 rows at the large size.
    static let projectionFloats = 1 << 16
    static let projectionMinRows = 128
    static let projectionFloatsLarge = 4 << 20

    /// Time steps per run of x·W_ihᵀ (see projectionFloats).
    static func projectionChunk(steps L: Int, batch N: Int, width GH: Int) -> Int {
        let row = max(1, N * GH)
        let small = max(1, projectionFloats / row)
        if small * N >= projectionMinRows { return min(L, small) }
        return max(1, min(L, projectionFloatsLarge / row))
    }

    /// The forward pass: every (layer, direction) in PyTorch's order over the thread's reused buffers,
    /// the same products and step code as `RNNStepper` (so bit for bit what the trace computes).
    /// With `save`, keeps what `backward` needs in the workspace.
    func run(_ prep: PreparedInput, save: Bool) -> (RNNOutput, SavedForward?) {
        let cfg = config, mode = cfg.mode
        let (L, N, H, R, D) = (prep.seqLen, prep.batch, cfg.hiddenSize, cfg.outputSize, cfg.numDirections)
        let GH = mode.gateCount * H, DR = D * R, ld = cfg.numLayers * D
        let LN = L * N, layerFloats = LN * DR
        let isLSTM = mode == .lstm, isGRU = mode == .gru, hasProjection = cfg.projSize > 0

        // The output is a fresh array on every call (the caller keeps it): 32 MB at L = 256, N = 64, H = 512, whose
        // 8,192 page faults took ~4 % of the forward; on huge pages they are 16.
        var output = [Float](unsafeUninitializedCapacity: layerFloats) { buf, n in
            ck_prefer_huge_pages(buf.baseAddress, layerFloats * MemoryLayout<Float>.stride)
            n = layerFloats
        }
        var hN = [Float](unsafeUninitializedCapacity: ld * N * R) { _, n in n = ld * N * R }
        var cN = [Float](unsafeUninitializedCapacity: isLSTM ? ld * N * H : 0) { _, n in n = isLSTM ? ld * N * H : 0 }

        let chunk = Self.projectionChunk(steps: L, batch: N, width: GH)
        let proj = Workspace.buffer(.projection, chunk * N * GH)
        let stepFloats = N * GH + N * R + N * H + N * H
        let stepBuf = Workspace.buffer(.step, stepFloats)
        let gh = stepBuf, h = gh + N * GH, c = h + N * R, hRaw = c + N * H
        var saved: SavedForward?
        var layers: UnsafeMutablePointer<Float>?
        if save {
            let perIndex = LN * GH, perCell = LN * H
            saved = SavedForward(
                outputs: Workspace.buffer(.savedOutputs, cfg.numLayers * layerFloats),
                gates: Workspace.buffer(.savedGates, isLSTM || isGRU ? ld * perIndex : 0),
                cells: Workspace.buffer(.savedCells, isLSTM ? ld * perCell : 0),
                extra: Workspace.buffer(.savedExtra, (isLSTM && hasProjection) || isGRU ? ld * perCell : 0))
        } else if cfg.numLayers > 1 {
            layers = Workspace.buffer(.layers, min(2, cfg.numLayers - 1) * layerFloats)
        }

        prep.x.withUnsafeBufferPointer { xb in
        output.withUnsafeMutableBufferPointer { ob in
        hN.withUnsafeMutableBufferPointer { hNb in
        cN.withUnsafeMutableBufferPointer { cNb in
            // (x is empty only for a cell of input_size 0, whose product reads no x.)
            guard N > 0, let out = ob.baseAddress, let hNp = hNb.baseAddress else { return }
            let x = xb.baseAddress ?? UnsafePointer(proj)
            for layer in 0..<cfg.numLayers {
                let input: UnsafePointer<Float>
                if layer == 0 {
                    input = x
                } else if let saved {
                    input = UnsafePointer(saved.outputs + (layer - 1) * layerFloats)
                } else {
                    input = UnsafePointer(layers! + ((layer - 1) % 2) * layerFloats)
                }
                let dest: UnsafeMutablePointer<Float>
                if let saved { dest = saved.outputs + layer * layerFloats }
                else if layer == cfg.numLayers - 1 { dest = out }
                else { dest = layers! + (layer % 2) * layerFloats }
                for d in 0..<D {
                    let index = layer * D + d
                    let p = packed[index]
                    let inSize = p.wIH.cols
                    if let h0 = prep.h0 {
                        h0.withUnsafeBufferPointer { h.update(from: $0.baseAddress! + index * N * R, count: N * R) }
                    } else {
                        h.update(repeating: 0, count: N * R)
                    }
                    if isLSTM {
                        if let c0 = prep.c0 {
                            c0.withUnsafeBufferPointer { c.update(from: $0.baseAddress! + index * N * H, count: N * H) }
                        } else {
                            c.update(repeating: 0, count: N * H)
                        }
                    }
                    // One direction without proj_size (RNN, LSTM): each step writes h_t straight into its row of
                    // the output and the next step reads h_{t−1} from there, so no copy per step.
                    let inPlace = D == 1 && !hasProjection && !isGRU
                    var hPrev = h
                    var chunkStart = 0, chunkEnd = 0
                    for k in 0..<L {
                        let t = d == 0 ? k : L - 1 - k
                        if k == 0 || t < chunkStart || t >= chunkEnd {
                            chunkStart = d == 0 ? t : max(0, t + 1 - chunk)
                            chunkEnd = d == 0 ? min(L, t + chunk) : t + 1
                            Kernels.inputProjection(m: (chunkEnd - chunkStart) * N, x: input + chunkStart * N * inSize,
                                                    p: p, into: proj)
                        }
                        let gi = proj + (t - chunkStart) * N * GH
                        let slot = (index * L + t) * N
                        let gates = saved.map { $0.gates + slot * GH }
                        let raw = hasProjection ? (saved.map { $0.extra + slot * H } ?? hRaw) : nil
                        let hwn = isGRU ? saved.map { $0.extra + slot * H } : nil
                        // h_t into the layer's output at time t, this direction's columns.
                        let row = dest + t * N * DR + d * R
                        if inPlace {
                            Kernels.step(mode: mode, n: N, hidden: H, p: p, gi: gi, h: hPrev, c: isLSTM ? c : nil, gh: gh,
                                         pre: nil, gates: gates, hRaw: nil, hwn: nil, hOut: row)
                            hPrev = row
                        } else {
                            Kernels.step(mode: mode, n: N, hidden: H, p: p, gi: gi, h: h, c: isLSTM ? c : nil, gh: gh,
                                         pre: nil, gates: gates, hRaw: raw, hwn: hwn)
                            if D == 1 {
                                row.update(from: h, count: N * R)
                            } else {
                                for b in 0..<N { (row + b * DR).update(from: h + b * R, count: R) }
                            }
                        }
                        if isLSTM, let saved { (saved.cells + slot * H).update(from: c, count: N * H) }
                    }
                    (hNp + index * N * R).update(from: hPrev, count: N * R)
                    if isLSTM { (cNb.baseAddress! + index * N * H).update(from: c, count: N * H) }
                }
            }
            if let saved { out.update(from: saved.outputs + (cfg.numLayers - 1) * layerFloats, count: layerFloats) }
        }
        }
        }
        }
        return (assemble(prep, output: output, hN: hN, cN: isLSTM ? cN : nil), saved)
    }

    /// The forward result in PyTorch's shapes (batch_first and unbatched applied) from time-major arrays.
    func assemble(_ prep: PreparedInput, output: [Float], hN: [Float], cN: [Float]?) -> RNNOutput {
        let cfg = config
        let ld = cfg.numLayers * cfg.numDirections
        var o = Tensor(shape: [prep.seqLen, prep.batch, cfg.numDirections * cfg.outputSize], storage: output)
        var h = Tensor(shape: [ld, prep.batch, cfg.outputSize], storage: hN)
        var c = cN.map { Tensor(shape: [ld, prep.batch, cfg.hiddenSize], storage: $0) }
        if cfg.batchFirst { o = o.transposed01() }
        if !prep.isBatched {
            o = o.squeezed(cfg.batchFirst ? 0 : 1)
            h = h.squeezed(1)
            c = c?.squeezed(1)
        }
        return RNNOutput(output: o, hN: h, cN: c)
    }
}
