import TutorCore

/// How a task screen marks what the progress file says of the item: a mark and a word.
enum ProgressMark {
    static func spans(_ status: ItemStatus, glyphs: Glyphs) -> [Span] {
        switch status {
        case .solved: return [Span("  \(glyphs.check) solved before", Style(color: .good))]
        case .missed: return [Span("  \(glyphs.cross) missed before", Style(color: .bad))]
        case .inProgress, .unseen: return []
        }
    }
}
