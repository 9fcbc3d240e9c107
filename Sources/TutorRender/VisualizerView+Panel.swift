import Foundation
import TutorCore

extension VisualizerView {
    /// The equation panel from row `y`: a rule above it (unless compact), then each line fitted to the width.
    static func drawPanel(_ panel: [[Span]], into buffer: inout CellBuffer, area: Rect, y top: Int, compact: Bool, glyphs: Glyphs) {
        var y = top
        if !compact {
            buffer.put(String(repeating: glyphs.horizontal, count: area.width), x: area.x, y: y, style: .dim)
            y += 1
        }
        for spans in panel where y < area.maxY {
            var x = area.x + 1
            for span in fitted(spans, width: area.width - 2, ellipsis: glyphs.ellipsis) {
                x = buffer.put(span.text, x: x, y: y, style: span.style, limit: area.maxX - 1)
            }
            y += 1
        }
    }

    /// What the engine said when it could not run, in the view's place.
    static func drawEngineError(_ text: String, into buffer: inout CellBuffer, area: Rect) {
        for (i, line) in TextWrap.wrap(text, width: area.width - 2).prefix(area.height - 2).enumerated() {
            buffer.put(line, x: area.x + 1, y: area.y + 2 + i, style: Style(color: .bad, bold: true))
        }
    }

    /// The current step's equation with its real numbers (all from the trace), as lines of spans.
    /// Compact: the equation and h_t only.
    static func panelLines(_ vis: VisualizerState, width: Int, compact: Bool) -> [[Span]] {
        guard let trace = vis.trace else { return [] }
        let b = vis.batchElement
        guard let s = vis.current else {
            let start = "h_0 = zeros: nothing computed yet. → computes the first step."
            return [[Span(start, .dim)]] + (compact ? [] : [[Span(equation(trace, compact: false), .dim)]])
        }
        let dir = s.direction == 0 ? "→" : "←"
        let prev = s.direction == 0 ? "h_{t−1}" : "h_{t+1}"
        let cprev = s.direction == 0 ? "c_{t−1}" : "c_{t+1}"
        var items: [[Span]] = []
        func vector(_ name: String, _ values: [Float]?) -> [Span] {
            guard let values else { return [] }
            var spans = [Span(name + " = [", .bold)]
            for (i, v) in values.enumerated() {
                spans.append(Span((i > 0 ? " " : "") + number(v), valueStyle(v)))
            }
            spans.append(Span("]", .bold))
            return spans
        }
        let label = "L\(s.layer) \(dir) t=\(s.t + 1): "
        let wrapped = TextWrap.wrap(equation(trace, compact: compact), width: max(10, width - DisplayWidth.of(label)))
        let heads: [[Span]] = wrapped.enumerated().map { i, text in
            [Span(i == 0 ? label : String(repeating: " ", count: DisplayWidth.of(label)), .bold), Span(text)]
        }
        if compact {
            return [heads[0], vector("h_t", s.h(batch: b))]
        }
        items.append(vector("x_t", s.x(batch: b)))
        items.append(vector(prev, s.hPrev(batch: b)))
        switch trace.config.mode.className {
        case "LSTM":
            for g in ["i", "f", "g", "o"] { items.append(vector(g, s.gate(g, batch: b))) }
            items.append(vector(cprev, s.cPrev(batch: b)))
            items.append(vector("c_t = f⊙\(cprev) + i⊙g", s.c(batch: b)))
            items.append(vector("h_t = o⊙tanh(c_t)", s.h(batch: b)))
        case "GRU":
            for g in ["r", "z", "n"] { items.append(vector(g, s.gate(g, batch: b))) }
            items.append(vector("h_t = (1−z)⊙n + z⊙\(prev)", s.h(batch: b)))
        default:
            items.append(vector("W_ih·x_t + b_ih + W_hh·\(prev) + b_hh", s.preActivation(batch: b)))
            items.append(vector("h_t = \(trace.config.mode == .rnnRelu ? "relu" : "tanh")(…)", s.h(batch: b)))
        }
        // Pack the vectors two to a line when they fit.
        var lines: [[Span]] = heads
        var line: [Span] = []
        for item in items {
            let w = item.reduce(0) { $0 + DisplayWidth.of($1.text) }
            let lw = line.reduce(0) { $0 + DisplayWidth.of($1.text) }
            if !line.isEmpty && lw + 3 + w <= width {
                line.append(Span("   "))
                line += item
            } else {
                if !line.isEmpty { lines.append(line) }
                line = item
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The update rule of the module in PyTorch's notation.
    static func equation(_ trace: VisualizerState.Trace, compact: Bool) -> String {
        switch trace.config.mode.className {
        case "LSTM":
            return compact ? "c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t)"
                : "i,f,o = σ(…), g = tanh(…) of W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh"
        case "GRU":
            return compact ? "h_t = (1−z)⊙n + z⊙h_{t−1}"
                : "r,z = σ(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh), n = tanh(W_in·x_t + b_in + r⊙(W_hn·h_{t−1} + b_hn))"
        default:
            let f = trace.config.mode == .rnnRelu ? "relu" : "tanh"
            return "h_t = \(f)(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh)"
        }
    }
}
