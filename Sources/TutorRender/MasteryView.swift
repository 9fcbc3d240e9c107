import TutorCore

/// The one rating, drawn the same way on every screen that shows it (menu, chooser, overview, every
/// result and summary): the label ("62 % · getting there") with a style that follows the level, and
/// the words say it without colour.
enum MasteryView {
    static func style(_ level: Mastery.Level) -> Style {
        switch level {
        case .notStarted: .dim
        case .learning: Style(color: .bad)
        case .gettingThere: Style(color: .warn, bold: true)
        case .strong: .good
        }
    }

    /// "Lesson mastery: 62 % · getting there  (? explains)"
    static func line(_ mastery: Mastery, explain: Bool = true) -> [Span] {
        [Span("Lesson mastery: ", .bold), Span(mastery.label, style(mastery.level))] + (explain ? [Span("  (? explains)", .dim)] : [])
    }
}
