/// Runs a module one time step at a time, in the order PyTorch computes: layer 0 forward direction
/// (t = 0…L−1), layer 0 reverse direction (t = L−1…0), then layer 1, and so on.
/// `RNNBase.forward` is this same loop without recording, so a trace and a forward agree bit for bit.
///
///     var s = try gru.stepper(x)            // x: (L, N, input_size)
///     while let step = s.next() {           // one TraceStep per (layer, direction, t)
///         print(step.layer, step.direction, step.t, step.h(batch: 0))
///     }
///     let result = s.result                 // == try gru.forward(x)
public struct RNNStepper: Sendable {
    let module: RNNBase
    let prepared: PreparedInput
    /// L and N (N = 1 for unbatched input).
    public let seqLen: Int
    public let batch: Int
    /// The step about to run: layer, direction, and k steps done in this direction.
    public private(set) var layer = 0
    public private(set) var direction = 0
    private var k = 0
    public private(set) var isFinished = false

    private var layerInput: [Float]    // L × N × in_k
    private var layerOutput: [Float]   // L × N × D·R
    private var xW: [Float] = []       // L × N × G·H for the current direction
    private var h: [Float] = []        // N × R
    private var c: [Float] = []        // N × H
    private var gh: [Float]            // N × G·H
    private var gates: [Float]         // N × G·H
    private var hRaw: [Float]          // N × H (LSTM with proj_size)
    private var hN: [Float]
    private var cN: [Float]

    init(module: RNNBase, input: Tensor, hx: [Tensor]?) throws(TorchError) {
        self.module = module
        prepared = try module.prepare(input, hx: hx)
        let cfg = module.config
        seqLen = prepared.seqLen
        batch = prepared.batch
        let gh = cfg.mode.gateCount * cfg.hiddenSize
        layerInput = prepared.x
        layerOutput = [Float](repeating: 0, count: seqLen * batch * cfg.numDirections * cfg.outputSize)
        self.gh = [Float](repeating: 0, count: batch * gh)
        gates = [Float](repeating: 0, count: batch * gh)
        hRaw = cfg.projSize > 0 ? [Float](repeating: 0, count: batch * cfg.hiddenSize) : []
        hN = prepared.h0
        cN = prepared.c0
    }

    /// Runs the next step and returns its record, or nil when every step has run.
    public mutating func next() -> TraceStep? { isFinished ? nil : advance(record: true) }

    mutating func advance(record: Bool) -> TraceStep? {
        let cfg = module.config
        let D = cfg.numDirections, R = cfg.outputSize, H = cfg.hiddenSize, N = batch, L = seqLen
        let GH = cfg.mode.gateCount * H
        let index = layer * D + direction
        let p = module.packed[index]
        let inSize = p.wIH.cols
        if k == 0 {
            // x·W_ihᵀ + b_ih for the whole sequence first, as PyTorch does.
            xW = [Float](repeating: 0, count: L * N * GH)
            if N > 0 { layerInput.withUnsafeBufferPointer { x in
                xW.withUnsafeMutableBufferPointer { Kernels.inputProjection(m: L * N, x: x.baseAddress!, p: p, into: $0.baseAddress!) }
            } }
            h = Array(hN[(index * N * R)..<((index + 1) * N * R)])
            if cfg.mode == .lstm { c = Array(cN[(index * N * H)..<((index + 1) * N * H)]) }
        }
        let t = direction == 0 ? k : L - 1 - k
        var x: [Float] = [], hPrev: [Float] = [], cPrev: [Float] = []
        if record {
            x = Array(layerInput[(t * N * inSize)..<((t + 1) * N * inSize)])
            hPrev = h
            cPrev = c
        }
        let mode = cfg.mode, hasProjection = cfg.projSize > 0
        if N > 0 { xW.withUnsafeBufferPointer { xw in
            h.withUnsafeMutableBufferPointer { hp in
                c.withUnsafeMutableBufferPointer { cp in
                    gh.withUnsafeMutableBufferPointer { ghp in
                        gates.withUnsafeMutableBufferPointer { gp in
                            hRaw.withUnsafeMutableBufferPointer { rp in
                                Kernels.step(mode: mode, n: N, hidden: H, p: p, gi: xw.baseAddress! + t * N * GH,
                                             h: hp.baseAddress!, c: cp.baseAddress, gh: ghp.baseAddress!,
                                             gates: gp.baseAddress, hRaw: hasProjection ? rp.baseAddress : nil)
                            }
                        }
                    }
                }
            }
        } }
        // Put h_t into the output at time t, columns of this direction.
        let DR = D * R
        h.withUnsafeBufferPointer { hp in
            layerOutput.withUnsafeMutableBufferPointer { out in
                for b in 0..<N {
                    let o = (t * N + b) * DR + direction * R
                    for j in 0..<R { out[o + j] = hp[b * R + j] }
                }
            }
        }
        var step: TraceStep?
        if record {
            step = TraceStep(layer: layer, direction: direction, t: t, gateNames: mode.gateNames,
                             x: Tensor(shape: [N, inSize], storage: x),
                             hPrev: Tensor(shape: [N, R], storage: hPrev),
                             cPrev: mode == .lstm ? Tensor(shape: [N, H], storage: cPrev) : nil,
                             preActivation: Tensor(shape: [N, GH], storage: gh),
                             gates: mode.gateNames.isEmpty ? nil : Tensor(shape: [N, GH], storage: gates),
                             c: mode == .lstm ? Tensor(shape: [N, H], storage: c) : nil,
                             hUnprojected: cfg.projSize > 0 ? Tensor(shape: [N, H], storage: hRaw) : nil,
                             h: Tensor(shape: [N, R], storage: h))
        }
        k += 1
        if k == L {
            hN.replaceSubrange((index * N * R)..<((index + 1) * N * R), with: h)
            if mode == .lstm { cN.replaceSubrange((index * N * H)..<((index + 1) * N * H), with: c) }
            k = 0
            direction += 1
            if direction == D {
                direction = 0
                layer += 1
                if layer == cfg.numLayers {
                    isFinished = true
                } else {
                    // Dropout between layers applies only in training; the engine runs in eval mode.
                    layerInput = layerOutput
                }
            }
        }
        return step
    }

    /// The forward result once every step has run (PyTorch's shapes: batch_first and unbatched applied).
    public var result: RNNOutput {
        precondition(isFinished, "result before the last step")
        let cfg = module.config
        let ld = cfg.numLayers * cfg.numDirections
        var output = Tensor(shape: [seqLen, batch, cfg.numDirections * cfg.outputSize], storage: layerOutput)
        var hn = Tensor(shape: [ld, batch, cfg.outputSize], storage: hN)
        var cn: Tensor? = cfg.mode == .lstm ? Tensor(shape: [ld, batch, cfg.hiddenSize], storage: cN) : nil
        if cfg.batchFirst { output = output.transposed01() }
        if !prepared.isBatched {
            output = output.squeezed(cfg.batchFirst ? 0 : 1)
            hn = hn.squeezed(1)
            cn = cn?.squeezed(1)
        }
        return RNNOutput(output: output, hN: hn, cN: cn)
    }
}
