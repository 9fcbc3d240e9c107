import TutorCore

/// A run of text in one style, optionally clickable.
struct Span: Equatable {
    var text: String
    var style: Style = .plain
    var hit: HitTarget? = nil
    /// The terminal cursor goes where this span is drawn (screen-reader mode shows it there).
    var focus = false

    init(_ text: String, _ style: Style = .plain, hit: HitTarget? = nil, focus: Bool = false) {
        self.text = text
        self.style = style
        self.hit = hit
        self.focus = focus
    }

    /// The same span with other text (a piece of it, or cut short).
    func with(_ text: String) -> Span {
        var span = self
        span.text = text
        return span
    }
}

/// A screen's content as rows of spans, laid out for one width before it is drawn, so it can
/// scroll and keep a focused row in view. Screens build one and `draw` it into their area.
struct Doc {
    let width: Int
    private(set) var lines: [[Span]] = []
    /// A row that must stay visible (the focused blank, the selected option).
    var pin: Int?
    /// A row to show at the top, as far as the content goes (the feedback just after a check), in place
    /// of `scroll`.
    var anchor: Int?

    init(width: Int) {
        self.width = max(1, width)
    }

    var count: Int { lines.count }

    mutating func line(_ spans: [Span]) { lines.append(spans) }
    mutating func gap() { lines.append([]) }

    /// The widest a line of prose gets (code keeps its own width): an 80-column screen's text width, so
    /// wide terminals do not get 117-column lines, and the layout at 80 columns is the one every wider
    /// terminal gets (centred by the renderer).
    static let measure = 78

    /// The width prose and one-line titles are cut or wrapped to.
    var measureWidth: Int { min(width, Self.measure) }

    /// The terminal cursor goes to the start of this row when it is drawn (a screen-reader view's
    /// current sentence).
    mutating func focusRow(_ row: Int) {
        guard lines.indices.contains(row), let i = lines[row].firstIndex(where: { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty })
        else { return }
        lines[row][i].focus = true
    }

    /// Wrapped text; the first line starts with `first`, the others are indented to match it.
    mutating func paragraph(_ text: String, _ style: Style = .plain, first: String = "", indent: Int? = nil, firstStyle: Style? = nil) {
        let lead = indent ?? DisplayWidth.of(first)
        let wrapped = TextWrap.wrap(text, width: max(1, min(width, Self.measure) - lead))
        for (i, row) in wrapped.enumerated() {
            let prefix = i == 0 ? first + String(repeating: " ", count: max(0, lead - DisplayWidth.of(first)))
                                : String(repeating: " ", count: lead)
            lines.append([Span(prefix, firstStyle ?? style), Span(row, style)])
        }
    }

    /// Spans laid out left to right, broken into rows at the width. Spans marked `atomic` (blanks,
    /// chips) are never split; plain text breaks anywhere (code has no word boundaries to respect).
    mutating func flow(_ spans: [(span: Span, atomic: Bool)], indent: String = "", continuation: String = "") {
        var row: [Span] = [Span(indent)]
        var used = DisplayWidth.of(indent)
        func newRow() {
            lines.append(row)
            row = [Span(continuation)]
            used = DisplayWidth.of(continuation)
        }
        for (span, atomic) in spans {
            let w = DisplayWidth.of(span.text)
            if used + w <= width { row.append(span); used += w; continue }
            if atomic {
                if used > DisplayWidth.of(continuation) { newRow() }
                row.append(span.with(DisplayWidth.truncate(span.text, to: width - used)))
                used += min(w, width - used)
                continue
            }
            var rest = Substring(span.text)
            while !rest.isEmpty {
                var piece = ""
                var pw = 0
                while let g = rest.first, used + pw + DisplayWidth.of(g) <= width {
                    piece.append(g); pw += DisplayWidth.of(g); rest.removeFirst()
                }
                if !piece.isEmpty { row.append(span.with(piece)); used += pw }
                if !rest.isEmpty { newRow() }
            }
        }
        lines.append(row)
    }

    /// Makes whole rows clickable (an option that wraps onto several rows).
    mutating func markHit(rows: Range<Int>, _ target: HitTarget) {
        for row in rows where lines.indices.contains(row) {
            for i in lines[row].indices { lines[row][i].hit = target }
        }
    }

    /// Draws the rows that fit in `area`, scrolled by `scroll` but always showing `pin`.
    /// Records the hit regions of clickable spans and the scroll limit in the buffer.
    func draw(into buffer: inout CellBuffer, area: Rect, scroll: Int) {
        let limit = max(0, lines.count - area.height)
        var offset = min(max(0, anchor ?? scroll), limit)
        if let pin {
            if pin < offset { offset = pin }
            if pin >= offset + area.height { offset = pin - area.height + 1 }
        }
        buffer.scrollLimit = limit
        buffer.scrollOffset = offset
        for (i, row) in lines.dropFirst(offset).prefix(area.height).enumerated() {
            var x = area.x
            let y = area.y + i
            for span in row {
                let start = x
                x = buffer.put(span.text, x: x, y: y, style: span.style, limit: area.maxX)
                if let hit = span.hit { buffer.addHit(Rect(x: start, y: y, width: x - start, height: 1), hit) }
                if span.focus, start < area.maxX { buffer.cursor = CursorPosition(column: start, row: y) }
            }
        }
        // Scroll marks go in the right margin so they never cover text.
        if offset > 0 { buffer.put("↑", x: area.maxX, y: area.y, style: .bold) }
        if offset < limit { buffer.put("↓", x: area.maxX, y: area.maxY - 1, style: .bold) }
    }
}
