import TutorCore

extension VisualizerView {
    /// Marks a time step past the shown sequence's length on its box's top edge: "pad" (after "now" when
    /// it is the current step), so a padded step reads as such without colour.
    static func drawPadMark(x: Int, y: Int, now: Bool, into buffer: inout CellBuffer, style: Style) {
        buffer.put(now ? "─ now pad" : "─ pad ", x: x + 1, y: y, style: style)
    }
}
