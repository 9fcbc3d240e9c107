import Foundation

/// Gradients of one forward pass with respect to its inputs and the module's parameters.
public struct RNNGradients: Sendable {
    /// dL/d(input), in the shape of the input given to forward.
    public var input: Tensor
    /// `[dh_0]` or `[dh_0, dc_0]` (LSTM), each in the shape forward accepted for hx (2-D for unbatched
    /// input, 1-D for an unbatched cell); the shape hx would have had when hx was nil.
    public var hx: [Tensor]
    /// One per parameter, in state_dict order (the order of `stateDict()`), each in its parameter's shape.
    public var parameters: [Tensor]
}

/// The weights of one (layer, direction) of a module, or of one cell, in Double for the reference backward
/// (`referenceBackward`, the tests' yardstick for the fast one).
///
/// It recomputes a step's gates from its input and previous state (x, h_{t−1}, c_{t−1}) in Double, one batch
/// row at a time, written as the equations read.
struct StepWeights {
    /// The recurrence run: `.rnnTanh`, `.rnnRelu`, `.lstm` or `.gru` (a cell's nonlinearity resolved).
    let mode: RNNMode
    /// H, R (= proj_size, or H), and the step input's width.
    let hidden: Int
    let output: Int
    let input: Int
    let wIH: [Double]     // G·H × input
    let wHH: [Double]     // G·H × R
    let bIH: [Double]?    // G·H
    let bHH: [Double]?    // G·H
    let wHR: [Double]?    // R × H (LSTM with proj_size)

    init(mode: RNNMode, wIH: Tensor, wHH: Tensor, bIH: Tensor?, bHH: Tensor?, wHR: Tensor?) {
        self.mode = mode
        hidden = wIH.shape[0] / mode.gateCount
        output = wHH.shape[1]
        input = wIH.shape[1]
        self.wIH = wIH.storage.map(Double.init)
        self.wHH = wHH.storage.map(Double.init)
        self.bIH = bIH?.storage.map(Double.init)
        self.bHH = bHH?.storage.map(Double.init)
        self.wHR = wHR?.storage.map(Double.init)
    }
}

/// dL/d(weights) of one `StepWeights`, summed over the steps that used them; nil where the weight is absent.
struct StepWeightGradients {
    var wIH: [Double]
    var wHH: [Double]
    var bIH: [Double]?
    var bHH: [Double]?
    var wHR: [Double]?

    init(zerosLike w: StepWeights) {
        func z(_ a: [Double]) -> [Double] { [Double](repeating: 0, count: a.count) }
        wIH = z(w.wIH)
        wHH = z(w.wHH)
        bIH = w.bIH.map(z)
        bHH = w.bHH.map(z)
        wHR = w.wHR.map(z)
    }

    /// In state_dict order (weight_ih, weight_hh, [bias_ih, bias_hh], [weight_hr]), in the given shapes.
    func tensors(shapes: [[Int]]) -> [Tensor] {
        let flat = [wIH, wHH] + [bIH, bHH, wHR].compactMap { $0 }
        precondition(flat.count == shapes.count)
        return zip(flat, shapes).map { Tensor(shape: $1, storage: $0.map(Float.init)) }
    }
}

private func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

extension StepWeights {
    /// Backpropagates through one step of `n` rows: given the step's input `x` (n × input), the state it started
    /// from (`hPrev` n × R, `cPrev` n × H for LSTM) and dL/d(its new state) (`dh` n × R, `dc` n × H for LSTM),
    /// returns dL/dx, dL/dh_{t−1}, dL/dc_{t−1} (empty unless LSTM) and adds dL/d(weights) into `grads`.
    /// - Complexity: O(n · G·H · (input + R)), plus O(n · R · H) for a projection.
    func backward(n: Int, x: [Float], hPrev: [Float], cPrev: [Float]?, dh: [Double], dc: [Double]?,
                  into grads: inout StepWeightGradients) -> (dx: [Double], dhPrev: [Double], dcPrev: [Double]) {
        let H = hidden, R = output, I = input, GH = mode.gateCount * H
        var dx = [Double](repeating: 0, count: n * I)
        var dhPrev = [Double](repeating: 0, count: n * R)
        var dcPrev = [Double](repeating: 0, count: mode == .lstm ? n * H : 0)
        var gi = [Double](repeating: 0, count: GH), gh = gi      // x·W_ihᵀ + b_ih, h·W_hhᵀ + b_hh
        var dGi = gi, dGh = gi                                    // dL/d of each
        for b in 0..<n {
            let xb = x[(b * I)..<((b + 1) * I)].map(Double.init)
            let hb = hPrev[(b * R)..<((b + 1) * R)].map(Double.init)
            let dhb = Array(dh[(b * R)..<((b + 1) * R)])
            for row in 0..<GH {
                var s = bIH?[row] ?? 0
                for k in 0..<I { s += wIH[row * I + k] * xb[k] }
                gi[row] = s
                var u = bHH?[row] ?? 0
                for k in 0..<R { u += wHH[row * R + k] * hb[k] }
                gh[row] = u
            }
            switch mode {
            case .rnnTanh, .rnnRelu:
                for j in 0..<H {
                    let a = gi[j] + gh[j]
                    let slope: Double
                    if mode == .rnnTanh { let h = tanh(a); slope = 1 - h * h } else { slope = a > 0 ? 1 : 0 }
                    dGi[j] = dhb[j] * slope
                    dGh[j] = dGi[j]
                }
            case .lstm:
                let cb = cPrev![(b * H)..<((b + 1) * H)].map(Double.init)
                var i = [Double](repeating: 0, count: H), f = i, g = i, o = i, tc = i
                for j in 0..<H {
                    i[j] = sigmoid(gi[j] + gh[j])
                    f[j] = sigmoid(gi[H + j] + gh[H + j])
                    g[j] = tanh(gi[2 * H + j] + gh[2 * H + j])
                    o[j] = sigmoid(gi[3 * H + j] + gh[3 * H + j])
                    tc[j] = tanh(f[j] * cb[j] + i[j] * g[j])
                }
                // h = o·tanh(c), then h·W_hrᵀ with a projection.
                var dhRaw = dhb
                if let wHR {
                    dhRaw = [Double](repeating: 0, count: H)
                    for r in 0..<R {
                        for j in 0..<H {
                            dhRaw[j] += dhb[r] * wHR[r * H + j]
                            grads.wHR![r * H + j] += dhb[r] * o[j] * tc[j]
                        }
                    }
                }
                for j in 0..<H {
                    let dcTotal = (dc?[b * H + j] ?? 0) + dhRaw[j] * o[j] * (1 - tc[j] * tc[j])
                    dcPrev[b * H + j] = dcTotal * f[j]
                    dGi[j] = dcTotal * g[j] * i[j] * (1 - i[j])
                    dGi[H + j] = dcTotal * cb[j] * f[j] * (1 - f[j])
                    dGi[2 * H + j] = dcTotal * i[j] * (1 - g[j] * g[j])
                    dGi[3 * H + j] = dhRaw[j] * tc[j] * o[j] * (1 - o[j])
                }
                dGh = dGi
            case .gru:
                // h' = (1 − z)·n + z·h,  n = tanh(gi_n + r·gh_n)
                for j in 0..<H {
                    let r = sigmoid(gi[j] + gh[j]), z = sigmoid(gi[H + j] + gh[H + j])
                    let nv = tanh(gi[2 * H + j] + r * gh[2 * H + j])
                    let dnPre = dhb[j] * (1 - z) * (1 - nv * nv)
                    let drPre = dnPre * gh[2 * H + j] * r * (1 - r)
                    let dzPre = dhb[j] * (hb[j] - nv) * z * (1 - z)
                    dhPrev[b * R + j] += dhb[j] * z
                    dGi[j] = drPre; dGi[H + j] = dzPre; dGi[2 * H + j] = dnPre
                    dGh[j] = drPre; dGh[H + j] = dzPre; dGh[2 * H + j] = dnPre * r
                }
            }
            // Through the two affine maps: into x, h_{t−1} and the weights.
            for row in 0..<GH {
                let a = dGi[row], c = dGh[row]
                for k in 0..<I {
                    dx[b * I + k] += a * wIH[row * I + k]
                    grads.wIH[row * I + k] += a * xb[k]
                }
                for k in 0..<R {
                    dhPrev[b * R + k] += c * wHH[row * R + k]
                    grads.wHH[row * R + k] += c * hb[k]
                }
                grads.bIH?[row] += a
                grads.bHH?[row] += c
            }
        }
        return (dx, dhPrev, dcPrev)
    }
}

/// The checks of `torch.autograd.backward(outputs, grads)` over the outputs given a gradient, in order (torch's
/// `_make_grads`): a gradient must have its output's shape. The message names both positions through Python's
/// `list.index`, which compares the earlier entries with `==`, a tensor comparison whose truth value torch
/// refuses for more than one element: so a mismatch after the first given gradient usually surfaces as
/// "Boolean value of Tensor with more than one value is ambiguous", exactly as torch 2.15 reports it.
/// A gradient for an output the module lacks (c_n of an RNN) is refused too.
func checkUpstream(_ pairs: [(output: Tensor?, grad: Tensor?)]) throws(TorchError) {
    var outputs: [Tensor] = [], grads: [Tensor] = []
    for (k, pair) in pairs.enumerated() {
        guard let g = pair.grad else { continue }
        guard let o = pair.output else {
            throw .runtime("grad_output[\(k)] was given for an output the module does not return")
        }
        outputs.append(o)
        grads.append(g)
    }
    for i in grads.indices where grads[i].shape != outputs[i].shape {
        let gi = try pythonIndex(grads, i), oi = try pythonIndex(outputs, i)
        throw .runtime("Mismatch in shape: grad_output[\(gi)] has a shape of \(torchSize(grads[i].shape)) "
            + "and output[\(oi)] has a shape of \(torchSize(outputs[i].shape)).")
    }
}

/// Python's `list.index(list[i])` over tensors: `is` fails for every earlier entry (distinct tensors), so each
/// is compared with `bool(a == b)`, which broadcasts and wants exactly one element.
private func pythonIndex(_ list: [Tensor], _ i: Int) throws(TorchError) -> Int {
    for k in 0..<i {
        let shape = try Tensor.broadcastShape(list[k].shape, list[i].shape)
        let count = shape.reduce(1, *)
        if count == 0 { throw .runtime("Boolean value of Tensor with no values is ambiguous") }
        if count > 1 { throw .runtime("Boolean value of Tensor with more than one value is ambiguous") }
        if list[k].storage[0] == list[i].storage[0] { return k }
    }
    return i
}
