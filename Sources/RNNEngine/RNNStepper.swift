/// Runs a module one time step at a time, in the order PyTorch computes: layer 0 forward direction
/// (t = 0…L−1), layer 0 reverse direction (t = L−1…0), then layer 1, and so on.
/// `RNNBase.forward` runs the same step code (`Kernels.step`, `ck_gemm`) on the same numbers in one loop
/// over reused buffers, so a trace and a forward agree bit for bit.
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
    /// One allocation for every working buffer (few allocations matter for short sequences):
    /// xW (chunk×N×G·H) | h (N×R) | c (N×H) | gh (N×G·H) | pre (N×G·H) | gates (N×G·H) | hRaw (N×H).
    /// Never zeroed: every region is written before it is read.
    private var scratch: [Float]
    /// x·W_ihᵀ + b_ih is computed `chunk` time steps at a time, just before they run, into the scratch's first
    /// region: about 256 KB, so the step reads it from L2. The whole sequence at once (4 MB at L=128, N=16,
    /// H=128; 128 MB at L=256, N=64, H=512) went out to L3 / memory and back, and the step's gate math waited
    /// on it. The product gives the same bits for any number of rows (ck_gemm), so chunking changes no value.
    private let chunk: Int
    /// Time steps [chunkStart, chunkEnd) of the current direction whose x·W_ihᵀ the scratch holds.
    private var chunkStart = 0, chunkEnd = 0
    private let offsets: (h: Int, c: Int, gh: Int, pre: Int, gates: Int, hRaw: Int)
    private var hN: [Float]
    private var cN: [Float]

    init(module: RNNBase, input: Tensor, hx: [Tensor]?) throws(TorchError) {
        self.module = module
        prepared = try module.prepare(input, hx: hx)
        let cfg = module.config
        let (L, N, H, R) = (prepared.seqLen, prepared.batch, cfg.hiddenSize, cfg.outputSize)
        let GH = cfg.mode.gateCount * H
        seqLen = L
        batch = N
        layerInput = prepared.x
        layerOutput = Self.uninitialized(L * N * cfg.numDirections * R)   // every (t, b, direction) is written
        let rowFloats = max(1, N * GH)
        chunk = min(L, max(1, 65536 / rowFloats))
        let h = chunk * N * GH, c = h + N * R, gh = c + N * H, pre = gh + N * GH, gates = pre + N * GH
        let hRaw = gates + N * GH
        offsets = (h, c, gh, pre, gates, hRaw)
        scratch = Self.uninitialized(hRaw + (cfg.projSize > 0 ? N * H : 0))
        let ld = cfg.numLayers * cfg.numDirections
        hN = prepared.h0 ?? [Float](repeating: 0, count: ld * N * R)
        cN = cfg.mode == .lstm ? (prepared.c0 ?? [Float](repeating: 0, count: ld * N * H)) : []
    }

    /// A buffer whose every element is written before it is read (no zero fill: megabytes for long sequences).
    private static func uninitialized(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
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
        let mode = cfg.mode, hasProjection = cfg.projSize > 0, off = offsets
        let t = direction == 0 ? k : L - 1 - k
        let isFirst = k == 0
        // The chunk of x·W_ihᵀ holding time t, computed now if the scratch does not hold it (first step of a
        // direction, or the chunk used up): the next `chunk` steps in this direction's order.
        var project: (t0: Int, t1: Int)?
        if isFirst || t < chunkStart || t >= chunkEnd {
            let t0 = direction == 0 ? t : max(0, t + 1 - chunk)
            let t1 = direction == 0 ? min(L, t + chunk) : t + 1
            project = (t0, t1)
            chunkStart = t0
            chunkEnd = t1
        }
        let giOffset = (t - chunkStart) * N * GH
        var x: [Float] = [], hPrev: [Float] = [], cPrev: [Float] = []
        if record { x = Array(layerInput[(t * N * inSize)..<((t + 1) * N * inSize)]) }
        let DR = D * R, direction = direction
        if N > 0 {
            layerInput.withUnsafeBufferPointer { xin in
                layerOutput.withUnsafeMutableBufferPointer { out in
                    hN.withUnsafeBufferPointer { hN in
                        cN.withUnsafeBufferPointer { cN in
                            scratch.withUnsafeMutableBufferPointer { sp in
                                let s = sp.baseAddress!
                                let h = s + off.h, c = s + off.c
                                if let (t0, t1) = project {
                                    Kernels.inputProjection(m: (t1 - t0) * N, x: xin.baseAddress! + t0 * N * inSize, p: p, into: s)
                                }
                                if isFirst {
                                    h.update(from: hN.baseAddress! + index * N * R, count: N * R)
                                    if mode == .lstm { c.update(from: cN.baseAddress! + index * N * H, count: N * H) }
                                }
                                if record {
                                    hPrev = Array(UnsafeBufferPointer(start: h, count: N * R))
                                    if mode == .lstm { cPrev = Array(UnsafeBufferPointer(start: c, count: N * H)) }
                                }
                                Kernels.step(mode: mode, n: N, hidden: H, p: p, gi: s + giOffset, h: h,
                                             c: mode == .lstm ? c : nil, gh: s + off.gh, pre: s + off.pre,
                                             gates: s + off.gates, hRaw: hasProjection ? s + off.hRaw : nil)
                                // Put h_t into the output at time t, columns of this direction.
                                for b in 0..<N {
                                    (out.baseAddress! + (t * N + b) * DR + direction * R).update(from: h + b * R, count: R)
                                }
                            }
                        }
                    }
                }
            }
        }
        var step: TraceStep?
        if record {
            func region(_ o: Int, _ count: Int) -> [Float] { Array(scratch[o..<(o + count)]) }
            step = TraceStep(layer: layer, direction: direction, t: t, gateNames: mode.gateNames,
                             x: Tensor(shape: [N, inSize], storage: x),
                             hPrev: Tensor(shape: [N, R], storage: hPrev),
                             cPrev: mode == .lstm ? Tensor(shape: [N, H], storage: cPrev) : nil,
                             preActivation: Tensor(shape: [N, GH], storage: region(off.pre, N * GH)),
                             gates: mode.gateNames.isEmpty ? nil : Tensor(shape: [N, GH], storage: region(off.gates, N * GH)),
                             c: mode == .lstm ? Tensor(shape: [N, H], storage: region(off.c, N * H)) : nil,
                             hUnprojected: hasProjection ? Tensor(shape: [N, H], storage: region(off.hRaw, N * H)) : nil,
                             h: Tensor(shape: [N, R], storage: region(off.h, N * R)))
        }
        k += 1
        if k == L {
            if N > 0 {
                hN.replaceSubrange((index * N * R)..<((index + 1) * N * R), with: scratch[off.h..<(off.h + N * R)])
                if mode == .lstm { cN.replaceSubrange((index * N * H)..<((index + 1) * N * H), with: scratch[off.c..<(off.c + N * H)]) }
            }
            k = 0
            self.direction += 1
            if self.direction == D {
                self.direction = 0
                layer += 1
                if layer == cfg.numLayers {
                    isFinished = true
                } else {
                    // Dropout between layers applies only in training; the engine runs in eval mode.
                    layerInput = layerOutput   // the next layer's xW overwrites the scratch's first region
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
