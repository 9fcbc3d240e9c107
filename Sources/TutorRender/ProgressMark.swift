import TutorCore

/// How a task screen marks what the progress file says of the item: a mark and a word.
enum ProgressMark {
    static func spans(_ status: ItemStatus, glyphs: Glyphs) -> [Span] {
        switch status {
        case .solved: return [Span(glyphs.headerVerdict(true, "solved before"), Style(color: .good))]
        case .missed: return [Span(glyphs.headerVerdict(false, "missed before"), Style(color: .bad))]
        case .inProgress, .unseen: return []
        }
    }
}
