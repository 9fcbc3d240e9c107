import Foundation
import TutorCore

/// The RNN unrolled over time: a column per time step, a row of cells per layer and direction, the
/// input below, the output above, h_0 on the side the direction starts from. Every number is a value
/// of the engine's trace, rounded for display; steps not yet revealed are drawn empty.
///
///              t=0             ›t=1            t=2
///     output    ↑ out           ↑ out
///     L0 →  ┌───────────┐   ┌───────────┐   ┌───────────┐
///     h_0 ──→│+0.4235 ███│──→│-0.1210 ░  │──→│           │──→ h_n
///           └───────────┘   └───────────┘   └───────────┘
///               ↑               ↑               ↑
///     x       +1.0000         +0.0000         +1.0000
enum VisualizerView {
    /// Column geometry for a screen width: the column pitch, the box inside it, the arrow after it.
    struct Geometry {
        var pitch: Int
        var box: Int { pitch == 16 ? 13 : 11 }
        var arrow: Int { pitch - box }
        /// Cells of the bar after the number (a space between them when there is room).
        var barCells: Int { box - 2 - 7 - (pitch == 16 ? 1 : 0) }
        init(screenWidth: Int) { pitch = VisualizerState.columnWidth(screenWidth: screenWidth) }
        func arrow(forward: Bool) -> String {
            let line = String(repeating: "─", count: arrow - 1)
            return forward ? line + "→" : "←" + line
        }
    }
    static let decimals = Screen.visualizeDecimals

    /// A value as the screen shows it: sign, one digit group, `decimals` decimals.
    static func number(_ v: Float) -> String {
        String(format: "%+.\(decimals)f", Double(v))
    }

    /// A three-cell bar: █ for positive, ░ for negative, its length the magnitude (clamped at 1), so
    /// the sign and size read without colour.
    static func bar(_ v: Float, cells: Int = 3) -> String {
        let m = min(1, abs(Double(v)))
        let n = m < 0.00005 ? 0 : Int((m * Double(cells)).rounded(.up))
        return String(repeating: v < 0 ? "░" : "█", count: n) + String(repeating: " ", count: cells - n)
    }

    static func valueStyle(_ v: Float) -> Style { v < 0 ? Style(color: .warn) : Style(color: .accent) }

    static func render(_ vis: VisualizerState, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        guard area.width > 0, area.height > 2 else { return }
        if let g = vis.gradient {
            if glyphs.linear { return renderGradientSentences(vis, g, into: &buffer, area: area) }
            renderGradient(vis, g, into: &buffer, area: area, glyphs: glyphs)
            return
        }
        if glyphs.linear { return renderSentences(vis, into: &buffer, area: area) }
        let compact = area.height < 16 || area.width < 60
        buffer.put(infoLine(vis), x: area.x + 1, y: area.y, style: .bold, limit: area.maxX - 1)
        if let trace = vis.trace, area.width >= VisualizerState.sideBySideWidth {
            return renderSideBySide(vis, trace: trace, into: &buffer, area: area, glyphs: glyphs, compact: compact)
        }
        guard let trace = vis.trace else {
            drawEngineError("The engine could not run this module: \(vis.error ?? "no trace")", into: &buffer, area: area)
            return
        }
        let panel = panelLines(vis, width: area.width - 2, compact: compact)
        var extra: [(String, Style)] = []
        if let notice = vis.notice { extra.append((notice, Style(color: .warn))) }
        if !compact, let caption = vis.caption { extra.append((caption, Style(color: .accent))) }
        for note in vis.paddingNote(decimals: decimals) { extra.append((note, Style(color: .warn))) }
        let panelHeight = panel.count + (compact ? 0 : 1)
        let extraHeight = extra.count
        let gridTop = area.y + 1
        let gridHeight = area.height - 1 - panelHeight - extraHeight
        drawGrid(vis, trace: trace, into: &buffer, area: Rect(x: area.x, y: gridTop, width: area.width, height: gridHeight))
        var y = gridTop + max(0, gridHeight)
        for (text, style) in extra {
            buffer.put(DisplayWidth.truncate(text, to: area.width - 2), x: area.x + 1, y: y, style: style)
            y += 1
        }
        drawPanel(panel, into: &buffer, area: area, y: y, compact: compact, glyphs: glyphs)
    }

    /// A wide screen (`VisualizerState.sideBySideWidth`): the time steps on the left, as many as the
    /// sequence has and the width allows, every hidden unit the height allows; the notice, the caption
    /// and the equation panel beside them, where the panel's vectors pack more to a line.
    static func renderSideBySide(_ vis: VisualizerState, trace: VisualizerState.Trace, into buffer: inout CellBuffer, area: Rect,
                                 glyphs: Glyphs, compact: Bool) {
        let gridWidth = VisualizerState.gridWidth(screenWidth: area.width, seqLen: trace.seqLen)
        let top = area.y + 1
        drawGrid(vis, trace: trace, into: &buffer, area: Rect(x: area.x, y: top, width: gridWidth, height: area.height - 1))
        for y in top..<area.maxY { buffer.put(glyphs.vertical, x: area.x + gridWidth, y: y, style: .dim) }
        let x = area.x + gridWidth + 2
        let width = area.maxX - 1 - x
        var y = top
        var extra: [(String, Style)] = []
        if let notice = vis.notice { extra.append((notice, Style(color: .warn))) }
        if let caption = vis.caption { extra.append((caption, Style(color: .accent))) }
        for (text, style) in extra {
            for line in TextWrap.wrap(text, width: min(width, Doc.measure)) where y < area.maxY {
                buffer.put(line, x: x, y: y, style: style)
                y += 1
            }
            y += 1
        }
        for spans in panelLines(vis, width: width, compact: compact) where y < area.maxY {
            var column = x
            for span in fitted(spans, width: width, ellipsis: glyphs.ellipsis) {
                column = buffer.put(span.text, x: column, y: y, style: span.style, limit: area.maxX - 1)
            }
            y += 1
        }
    }

    /// The spans that fit whole in `width`; when some do not, an ellipsis takes their place, so a number
    /// is shown whole or not at all.
    static func fitted(_ spans: [Span], width: Int, ellipsis: String) -> [Span] {
        guard spans.reduce(0, { $0 + DisplayWidth.of($1.text) }) > width else { return spans }
        var out: [Span] = []
        var used = 0
        let room = width - DisplayWidth.of(ellipsis)
        for span in spans {
            let w = DisplayWidth.of(span.text)
            if used + w > room { break }
            out.append(span)
            used += w
        }
        return out + [Span(ellipsis, .dim)]
    }

    static func infoLine(_ vis: VisualizerState) -> String {
        var parts = ["step \(vis.revealed)/\(vis.stepCount)"]
        if vis.playing { parts.append("playing") }
        parts.append(vis.config.stateDict != nil ? "weights: state_dict" : "seed \(vis.seed)")
        if vis.batchCount > 1 { parts.append("batch \(vis.batchElement + 1)/\(vis.batchCount)") }
        if let n = vis.shownLength { parts.append("length \(n)") }
        if vis.itemCount > 1 { parts.append("item \(vis.item + 1)/\(vis.itemCount)") }
        parts.append(vis.trace?.config.repr ?? vis.config.module.rawValue)
        return parts.joined(separator: " · ")
    }

    /// One row of cells: a layer in one direction.
    struct Lane: Equatable {
        var layer: Int
        var direction: Int
    }

    static func drawGrid(_ vis: VisualizerState, trace: TutorCore.VisualizerState.Trace, into buffer: inout CellBuffer, area: Rect) {
        guard area.height >= 4 else { return }
        let H = trace.config.hiddenSize
        let D = trace.numDirections
        // The layer drawn lowest takes x from below: the input for layer 0, else the layer under it.
        let inputWidth = trace.step(layer: 0, direction: 0, t: 0).x.shape[1]
        let visible = min(trace.seqLen, VisualizerState.columnsThatFit(width: area.width))
        let first = max(0, min(vis.scroll, trace.seqLen - visible))
        let xLinesWanted = min(inputWidth, 2)
        // Fixed rows: header, output, x arrow, x values; each lane: box top + lines + box bottom; between layers: an arrow.
        func height(layers: Int, lines: Int, xLines: Int) -> Int {
            3 + xLines + layers * D * (lines + 2) + (layers - 1)
        }
        var layerList = Array((0..<trace.numLayers).reversed())
        var lines = H
        var xLines = xLinesWanted
        while height(layers: layerList.count, lines: lines, xLines: xLines) > area.height {
            if lines > 3 { lines -= 1 } else if xLines > 1 { xLines -= 1 } else if layerList.count > 1 { layerList = [min(vis.focusLayer, trace.numLayers - 1)]; lines = H } else if lines > 1 { lines -= 1 } else { break }
        }
        var lanes: [Lane] = []
        for layer in layerList { for d in 0..<D { lanes.append(Lane(layer: layer, direction: d)) } }
        // Direction 0 is drawn on top of its reverse only for the top layer shown: keep forward nearest the input.
        let current = vis.current
        let geo = Geometry(screenWidth: area.width)
        let boxWidth = geo.box
        let x0 = area.x + VisualizerState.leftMargin
        func columnX(_ t: Int) -> Int { x0 + (t - first) * geo.pitch }
        var y = area.y
        // Header: the time index of each column.
        for t in first..<(first + visible) {
            let isNow = current?.t == t
            // Columns count from 1 as the course does: h_1 = output[0], h_0 the initial state.
            let label = (isNow ? "› " : "") + "t=\(t + 1)"
            buffer.put(label, x: columnX(t) + (boxWidth - DisplayWidth.of(label)) / 2, y: y, style: isNow ? .title : .dim)
        }
        y += 1
        // Output above the top layer.
        buffer.put("output", x: area.x, y: y, style: .dim)
        let top = trace.numLayers - 1
        for t in first..<(first + visible) where (0..<D).allSatisfy({ vis.isRevealed(layer: top, direction: $0, t: t) }) {
            buffer.put("↑ out", x: columnX(t) + boxWidth / 2, y: y, style: .dim)
        }
        y += 1
        for (i, lane) in lanes.enumerated() {
            if i > 0 && lane.layer != lanes[i - 1].layer {
                for t in first..<(first + visible) { buffer.put("↑", x: columnX(t) + boxWidth / 2, y: y, style: .dim) }
                y += 1
            }
            drawLane(vis, trace: trace, lane: lane, lines: lines, first: first, visible: visible, x0: x0, y: y, into: &buffer, area: area)
            y += lines + 2
        }
        for t in first..<(first + visible) { buffer.put("↑", x: columnX(t) + boxWidth / 2, y: y, style: .dim) }
        y += 1
        let lowest = lanes.last?.layer ?? 0
        let width = trace.step(layer: lowest, direction: 0, t: 0).x.shape[1]
        for j in 0..<min(xLines, width) {
            if j == 0 { buffer.put(lowest == 0 ? "x" : "L\(lowest - 1)", x: area.x + 1, y: y, style: .bold) }
            for t in first..<(first + visible) {
                // Above layer 0, x_t is the layer below's output: known once that layer has computed t.
                if lowest > 0 && !(0..<D).allSatisfy({ vis.isRevealed(layer: lowest - 1, direction: $0, t: t) }) { continue }
                let xs = trace.step(layer: lowest, direction: 0, t: t).x(batch: vis.batchElement)
                var text = number(xs[j])
                if j == min(xLines, width) - 1 && width > xLines { text += " …" }
                buffer.put(text, x: columnX(t) + (boxWidth - 7) / 2, y: y)
            }
            y += 1
        }
    }

    static func drawLane(_ vis: VisualizerState, trace: TutorCore.VisualizerState.Trace, lane: Lane, lines: Int, first: Int, visible: Int,
                         x0: Int, y: Int, into buffer: inout CellBuffer, area: Rect) {
        let H = trace.config.hiddenSize
        let geo = Geometry(screenWidth: area.width)
        let boxWidth = geo.box
        let forward = lane.direction == 0
        let mid = y + 1 + (lines - 1) / 2
        let focused = lane.layer == vis.focusLayer
        let label = (focused ? "›" : " ") + "L\(lane.layer) " + (forward ? "→" : "←")
        buffer.put(label, x: area.x, y: y, style: focused ? .bold : .dim)
        let atStart = first == 0, atEnd = first + visible == trace.seqLen
        // The margins: where the direction starts (h_0) and ends (h_n), or "…" when scrolled.
        let leftLabel = forward ? (atStart ? "h_0" : "  …") : (atStart ? "h_n" : "  …")
        let rightLabel = forward ? (atEnd ? "h_n" : "…") : (atEnd ? "h_0" : "…")
        buffer.put(leftLabel + " " + (forward ? "──→" : "←──"), x: area.x, y: mid, style: .dim)
        // Past the shown element's length a packed run keeps h: those cells show the kept h (see +Lengths).
        let kept = forward && vis.shownLength != nil ? vis.keptStates?[lane.layer] : nil
        for t in first..<(first + visible) {
            let x = x0 + (t - first) * geo.pitch
            let step = vis.step(layer: lane.layer, direction: lane.direction, t: t)
            let padded = forward && vis.isPadding(t: t)
            let current = vis.current
            let isNow = current != nil && current?.layer == lane.layer && current?.direction == lane.direction && current?.t == t
            let border: Style = isNow ? .title : (step == nil ? .dim : .plain)
            drawBox(Rect(x: x, y: y, width: boxWidth, height: lines + 2), more: step == nil ? 0 : H - lines, into: &buffer, style: border, now: isNow)
            if let step {
                let h = padded ? (kept ?? step.h(batch: vis.batchElement)) : step.h(batch: vis.batchElement)
                for j in 0..<min(lines, h.count) {
                    let style = padded ? Style.dim : valueStyle(h[j])
                    buffer.put(number(h[j]), x: x + 1, y: y + 1 + j, style: style)
                    buffer.put(bar(h[j], cells: geo.barCells), x: x + boxWidth - 1 - geo.barCells, y: y + 1 + j, style: style)
                }
            }
            if padded { drawPadMark(x: x, y: y, now: isNow, into: &buffer, style: border) }
            let last = t == first + visible - 1
            buffer.put(geo.arrow(forward: forward), x: x + boxWidth, y: mid, style: .dim)
            if last { buffer.put(rightLabel, x: x + geo.pitch, y: mid, style: .dim, limit: area.maxX) }
        }
    }

    static func drawBox(_ rect: Rect, more: Int, into buffer: inout CellBuffer, style: Style, now: Bool) {
        let inner = rect.width - 2
        var top = String(repeating: "─", count: inner)
        if now { top = "─ now " + String(repeating: "─", count: max(0, inner - 6)) }
        buffer.put("┌" + top + "┐", x: rect.x, y: rect.y, style: style)
        var bottom = String(repeating: "─", count: inner)
        let moreText = inner >= 11 ? " +\(more) more " : " +\(more) "
        if more > 0 { bottom = "─" + moreText + String(repeating: "─", count: max(0, inner - 1 - moreText.count)) }
        buffer.put("└" + bottom + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put("│", x: rect.x, y: row, style: style)
            buffer.put("│", x: rect.maxX - 1, y: row, style: style)
        }
    }
}
