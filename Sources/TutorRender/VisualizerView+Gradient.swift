import Foundation
import TutorCore

/// The gradient view (`g`): the same columns as the forward, each box holding ∂L/∂h_t as the engine's backward
/// held it at that step, a row of norms under the boxes, one bar per step of the whole sequence on a log scale
/// (the row that shrinks or grows across time), and a panel with the step's chain-rule factor. Every number
/// is read from `VisualizerGradient` (the engine's backward trace), never recomputed here.
///
///             t=3           ›t=4            t=5      ↓ ∂L
///     L0 ←  ┌───────────┐   ┌─ now ─────┐   ┌───────────┐
///     h_0 ←──│+1.2e-03 █ │←──│-4.0e-02 ░░│←──│+1.0e+00 ██│←── L
///     ‖∂L/∂h‖  1.20e-03      4.00e-02        1.00e+00
///     ‖∂L/∂h_t‖ per step (log: a level is ÷10)  ▁▁▂▃▅▇█
extension VisualizerView {
    static func gradientNumber(_ v: Float) -> String { String(format: Screen.gradientNumberFormat, Double(v)) }
    static func gradientNorm(_ v: Double) -> String { String(format: Screen.gradientNormFormat, v) }

    /// A step's name as the course writes it: h_1 is output[0], h_0 the initial state.
    static func subscriptName(_ t: Int, seqLen: Int) -> String { t < 0 || t >= seqLen ? "0" : "\(t + 1)" }

    /// One cell per norm on a log scale: █ within ÷10 of `largest`, each level down ÷10 more, ▁ the eighth
    /// decade and below; a space for exactly 0.
    static func logBar(_ norm: Double, largest: Double) -> String {
        guard norm > 0, largest > 0 else { return " " }
        let decades = log10(largest / norm)
        let level = max(0, min(7, 7 - Int(decades.rounded(.down))))
        return ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"][level]
    }

    static func infoLine(_ vis: VisualizerState, _ g: VisualizerGradient) -> String {
        var parts = ["BPTT \(g.revealed)/\(g.stepCount)"]
        if vis.playing { parts.append("playing") }
        parts.append("L = " + g.loss.code(batched: vis.config.input.shape.count == 3))
        parts.append(vis.config.stateDict != nil ? "weights: state_dict" : "seed \(vis.seed)")
        if vis.batchCount > 1 { parts.append("batch \(vis.batchElement + 1)/\(vis.batchCount)") }
        if vis.itemCount > 1 { parts.append("item \(vis.item + 1)/\(vis.itemCount)") }
        parts.append(vis.trace?.config.repr ?? vis.config.module.rawValue)
        return parts.joined(separator: " · ")
    }

    static func renderGradient(_ vis: VisualizerState, _ g: VisualizerGradient, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        buffer.put(infoLine(vis, g), x: area.x + 1, y: area.y, style: .bold, limit: area.maxX - 1)
        guard let trace = g.trace else {
            drawEngineError("The engine could not run the backward: \(g.error ?? "no trace")", into: &buffer, area: area)
            return
        }
        let compact = area.height < 16 || area.width < 60
        let panel = gradientPanel(vis, g, width: area.width - 2, compact: compact)
        let isLSTM = trace.config.mode == .lstm
        // Below the boxes: the norms row(s), then the per-step bar row(s) with their axis.
        // Compact: only ∂L/∂h's rows, so the boxes keep a line.
        let normRows = isLSTM && !compact ? 2 : 1
        let sparkRows = compact ? 1 : (isLSTM ? 3 : 2)
        let panelHeight = panel.count + (compact ? 0 : 1)
        let gridTop = area.y + 1
        let gridHeight = area.height - 1 - panelHeight - normRows - sparkRows
        var y = drawGradientGrid(vis, g, trace: trace, into: &buffer, area: Rect(x: area.x, y: gridTop, width: area.width, height: gridHeight))
        y = max(y, gridTop)
        y = drawNorms(vis, g, trace: trace, into: &buffer, area: area, y: y, rows: normRows)
        y = drawSparkline(vis, g, trace: trace, into: &buffer, area: area, y: y, compact: compact)
        y = max(y, area.maxY - panelHeight)
        drawPanel(panel, into: &buffer, area: area, y: y, compact: compact, glyphs: glyphs)
    }

    /// The lane whose norms the rows under the boxes show: the layer in focus, in the current entry's direction.
    static func normLane(_ vis: VisualizerState, _ g: VisualizerGradient) -> Lane {
        Lane(layer: vis.focusLayer, direction: g.current?.direction ?? 0)
    }

    /// The columns with the boxes of ∂L/∂h_t; returns the row after the grid.
    static func drawGradientGrid(_ vis: VisualizerState, _ g: VisualizerGradient, trace: VisualizerGradient.Trace,
                                 into buffer: inout CellBuffer, area: Rect) -> Int {
        guard area.height >= 4 else { return area.y }
        let R = trace.config.outputSize
        let D = trace.config.numDirections
        let L = trace.seqLen
        let visible = min(L, VisualizerState.columnsThatFit(width: area.width))
        let first = max(0, min(vis.scroll, L - visible))
        var layerList = Array((0..<trace.config.numLayers).reversed())
        var lines = R
        // Fixed rows: header, the loss's row; each lane: box top + lines + box bottom; between layers: one row.
        func height(_ layers: Int, _ lines: Int) -> Int { 2 + layers * D * (lines + 2) + (layers - 1) }
        while height(layerList.count, lines) > area.height {
            if lines > 2 { lines -= 1 } else if layerList.count > 1 { layerList = [min(vis.focusLayer, trace.config.numLayers - 1)]; lines = R } else if lines > 1 { lines -= 1 } else { break }
        }
        let geo = Geometry(screenWidth: area.width)
        let x0 = area.x + VisualizerState.leftMargin
        func columnX(_ t: Int) -> Int { x0 + (t - first) * geo.pitch }
        let current = g.current
        var y = area.y
        for t in first..<(first + visible) {
            let isNow = current?.t == t
            let label = (isNow ? "› " : "") + "t=\(t + 1)"
            buffer.put(label, x: columnX(t) + (geo.box - DisplayWidth.of(label)) / 2, y: y, style: isNow ? .title : .dim)
        }
        y += 1
        // Where the loss sends its gradient in: the steps whose output it reads.
        buffer.put("loss", x: area.x, y: y, style: .dim)
        let readsStep: (Int) -> Bool = { t in
            switch g.loss {
            case .lastSum, .lastUnit: t == L - 1
            case .allSum: true
            }
        }
        for t in first..<(first + visible) where readsStep(t) {
            buffer.put("↓ ∂L", x: columnX(t) + geo.box / 2 - 1, y: y, style: Style(color: .accent))
        }
        y += 1
        let largest = g.trace.map { tr in tr.steps.flatMap { s in s.dh(batch: vis.batchElement).map { abs($0) } }.max() ?? 0 } ?? 0
        for (i, layer) in layerList.enumerated() {
            if i > 0 {
                for t in first..<(first + visible) { buffer.put("↓", x: columnX(t) + geo.box / 2, y: y, style: .dim) }
                y += 1
            }
            for d in 0..<D {
                let forward = d == 0
                let mid = y + 1 + (lines - 1) / 2
                let focused = layer == vis.focusLayer
                buffer.put((focused ? "›" : " ") + "L\(layer) " + (forward ? "←" : "→"), x: area.x, y: y, style: focused ? .bold : .dim)
                let atStart = first == 0, atEnd = first + visible == L
                let leftLabel = forward ? (atStart ? "h_0" : "  …") : (atStart ? "  L" : "  …")
                let rightLabel = forward ? (atEnd ? "L" : "…") : (atEnd ? "h_0" : "…")
                buffer.put(leftLabel + " " + (forward ? "←──" : "──→"), x: area.x, y: mid, style: .dim)
                for t in first..<(first + visible) {
                    let x = columnX(t)
                    let step = g.step(layer: layer, direction: d, t: t)
                    let isNow = current.map { $0.layer == layer && $0.direction == d && $0.t == t } ?? false
                    let border: Style = isNow ? .title : (step == nil ? .dim : .plain)
                    drawBox(Rect(x: x, y: y, width: geo.box, height: lines + 2), more: step == nil ? 0 : R - lines,
                            into: &buffer, style: border, now: isNow)
                    if let step {
                        let dh = step.dh(batch: vis.batchElement)
                        let cells = max(0, geo.box - 2 - 9)
                        for j in 0..<min(lines, dh.count) {
                            buffer.put(gradientNumber(dh[j]), x: x + 1, y: y + 1 + j, style: valueStyle(dh[j]))
                            if cells > 0 {
                                let scaled = largest > 0 ? dh[j] / largest : 0
                                buffer.put(bar(scaled, cells: cells), x: x + geo.box - 1 - cells, y: y + 1 + j, style: valueStyle(dh[j]))
                            }
                        }
                    }
                    buffer.put(geo.arrow(forward: !forward), x: x + geo.box, y: mid, style: .dim)
                    if t == first + visible - 1 { buffer.put(rightLabel, x: x + geo.pitch, y: mid, style: .dim, limit: area.maxX) }
                }
                y += lines + 2
            }
        }
        return y
    }

    /// ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖ for LSTM) under each visible column, for the lane in focus.
    static func drawNorms(_ vis: VisualizerState, _ g: VisualizerGradient, trace: VisualizerGradient.Trace,
                          into buffer: inout CellBuffer, area: Rect, y: Int, rows count: Int) -> Int {
        let lane = normLane(vis, g)
        let L = trace.seqLen
        let geo = Geometry(screenWidth: area.width)
        let visible = min(L, VisualizerState.columnsThatFit(width: area.width))
        let first = max(0, min(vis.scroll, L - visible))
        let x0 = area.x + VisualizerState.leftMargin
        let rows: [(String, (GradientStepIndex) -> Double)] = trace.config.mode == .lstm
            ? [("‖∂L/∂h‖", { g.norms[vis.batchElement][$0] }), ("‖∂L/∂c‖", { g.cellNorms[vis.batchElement][$0] })]
            : [("‖∂L/∂h‖", { g.norms[vis.batchElement][$0] })]
        var y = y
        for (label, value) in rows.prefix(count) where y < area.maxY {
            buffer.put(label, x: area.x, y: y, style: .dim)
            for t in first..<(first + visible) {
                guard let i = g.index(layer: lane.layer, direction: lane.direction, t: t), i < g.revealed else { continue }
                buffer.put(gradientNorm(value(i)), x: x0 + (t - first) * geo.pitch + (geo.box - 8) / 2, y: y, style: .bold)
            }
            y += 1
        }
        return y
    }

    typealias GradientStepIndex = Int

    /// One cell per step of the whole sequence (h_0 first, then t = 1…L), revealed ones only: the norm falling
    /// or growing across time at a glance, on a log scale against the lane's largest norm.
    static func drawSparkline(_ vis: VisualizerState, _ g: VisualizerGradient, trace: VisualizerGradient.Trace,
                              into buffer: inout CellBuffer, area: Rect, y: Int, compact: Bool) -> Int {
        let lane = normLane(vis, g)
        let L = trace.seqLen
        let b = vis.batchElement
        let initialT = lane.direction == 0 ? -1 : L
        let order = [initialT] + Array(0..<L)
        let indices = order.compactMap { g.index(layer: lane.layer, direction: lane.direction, t: $0) }
        var rows: [(String, [Double])] = [("per step ‖∂L/∂h‖", indices.map { g.norms[b][$0] })]
        if trace.config.mode == .lstm && !compact { rows.append(("per step ‖∂L/∂c‖", indices.map { g.cellNorms[b][$0] })) }
        let labelWidth = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        let x = area.x + labelWidth + 1
        let room = max(0, area.maxX - 1 - x)
        var y = y
        for (label, norms) in rows where y < area.maxY {
            buffer.put(label, x: area.x, y: y, style: .dim)
            let largest = norms.max() ?? 0
            var cells = ""
            for (k, i) in indices.enumerated() where k < room {
                cells += i < g.revealed ? logBar(norms[k], largest: largest) : "·"
            }
            buffer.put(cells, x: x, y: y, style: Style(color: .accent))
            y += 1
        }
        if !compact && y < area.maxY {
            let axis = "h_0 … h_\(L) (left to right); a level down is ÷10"
            buffer.put(DisplayWidth.truncate(axis, to: max(0, area.maxX - 1 - x)), x: x, y: y, style: .dim)
            y += 1
        }
        return y
    }

    /// The current entry of BPTT: what reached it, the factor that carried it, its values.
    static func gradientPanel(_ vis: VisualizerState, _ g: VisualizerGradient, width: Int, compact: Bool) -> [[Span]] {
        guard let trace = g.trace else { return [] }
        let b = vis.batchElement
        let L = trace.seqLen
        let mode = trace.config.mode
        let rule: String
        switch mode {
        case .rnnTanh: rule = "∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hh"
        case .rnnRelu: rule = "∂h_t/∂h_{t−1} = diag(h_t > 0)·W_hh"
        case .lstm: rule = "∂c_t/∂c_{t−1} = diag(f_t) along the cell (no W_hh, no tanh on it)"
        case .gru: rule = "∂h_t/∂h_{t−1} along z: diag(z_t) (+ the paths through r, z and n)"
        }
        guard let i = g.currentIndex, let s = g.current else {
            let start = "∂L/∂output is 1 where L sums, 0 elsewhere. ← takes BPTT one step back."
            return [[Span(start, .dim)]] + (compact ? [] : [[Span(rule, .dim)]])
        }
        func vector(_ name: String, _ values: [Float]?) -> [Span] {
            guard let values else { return [] }
            var spans = [Span(name + " = [", .bold)]
            for (k, v) in values.enumerated() { spans.append(Span((k > 0 ? " " : "") + gradientNumber(v), valueStyle(v))) }
            spans.append(Span("]", .bold))
            return spans
        }
        let k = subscriptName(s.t, seqLen: L)
        // The state after this one in its direction's order, which sent the gradient back into it.
        let afterT = s.direction == 0 ? s.t + 1 : s.t - 1
        let hasAfter = s.isInitial ? true : (afterT >= 0 && afterT < L)
        let after = s.isInitial ? (s.direction == 0 ? "1" : "\(L)") : (hasAfter ? "\(afterT + 1)" : nil)
        let dir = s.direction == 0 ? "←" : "→"
        var head = "L\(s.layer) \(dir) ∂L/∂h_\(k)"
        if s.isInitial {
            head += " = ∂L/∂h_\(after ?? "?")·∂h_\(after ?? "?")/∂h_0: where BPTT ends (grad_hx)"
        } else if let after {
            head += " = ∂L/∂output[\(s.t)] + ∂L/∂h_\(after)·∂h_\(after)/∂h_\(k)"
        } else {
            head += " = ∂L/∂output[\(s.t)]: where BPTT starts"
        }
        // Compact: the norm and the vector; the head would not fit.
        var lines: [[Span]] = compact ? [] : [[Span(head, .bold)]]
        var normLine: [Span] = [Span("‖∂L/∂h_\(k)‖ = ", .bold), Span(gradientNorm(g.norms[b][i]), .title)]
        if let r = g.ratio(i, batch: b), let after {
            normLine.append(Span("  = \(String(format: "%.3g", r)) × ‖∂L/∂h_\(after)‖", .plain))
        }
        lines.append(normLine)
        lines.append(vector("∂L/∂h_\(k)", s.dh(batch: b)))
        if compact { return lines }
        if g.incoming.indices.contains(b), let factor = g.incoming[b][i], let after {
            let sigma = String(format: "%.3g", factor.norm)
            switch factor.path {
            case .recurrent:
                let slope = mode == .rnnRelu ? "h_\(after) > 0" : "1 − h_\(after)²"
                lines.append([Span("∂h_\(after)/∂h_\(k) = diag(\(slope))·W_hh: σ_max = \(sigma)", .plain),
                              Span("  (W_hh alone: \(String(format: "%.3g", g.recurrentNorms[s.layer * trace.config.numDirections + s.direction])))", .dim)])
                lines.append(vector(slope, factor.diagonal))
            case .cell:
                lines.append([Span("∂c_\(after)/∂c_\(k) = diag(f_\(after)): max f = \(sigma)", .plain)])
                lines.append(vector("f_\(after)", factor.diagonal))
            case .update:
                lines.append([Span("∂h_\(after)/∂h_\(k) along z: diag(z_\(after)), max z = \(sigma)", .plain),
                              Span("  (+ the paths through r, z and n)", .dim)])
                lines.append(vector("z_\(after)", factor.diagonal))
            }
        } else {
            lines.append([Span(rule, .dim)])
        }
        if mode == .lstm {
            var cell: [Span] = [Span("‖∂L/∂c_\(k)‖ = ", .bold), Span(gradientNorm(g.cellNorms[b][i]), .title)]
            cell.append(Span("   "))
            cell += vector("∂L/∂c_\(k)", s.dc(batch: b))
            lines.append(cell)
        }
        return lines
    }
}
