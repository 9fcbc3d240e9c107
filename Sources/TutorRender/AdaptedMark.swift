import TutorCore

/// The dim note in a task's or question's header that its text was changed from the source page it was
/// transcribed from (`adapted:`), and what changed, under the prompt (at the end on a small screen).
/// The header's note is shortened to " · adapted" where the whole of it would not fit beside the header,
/// and left out where that would not fit either (the header's counts matter more).
enum AdaptedMark {
    static func spans(_ adapted: String?, after header: [Span], width: Int) -> [Span] {
        guard adapted != nil else { return [] }
        let used = header.reduce(0) { $0 + DisplayWidth.of($1.text) }
        guard let note = [" · adapted from the source page", " · adapted"].first(where: { used + DisplayWidth.of($0) <= width }) else { return [] }
        return [Span(note, .dim)]
    }

    /// "Adapted: …", dim, under the prompt (the header says from what).
    static func note(_ adapted: String?, into doc: inout Doc) {
        guard let adapted else { return }
        doc.paragraph(adapted, .dim, first: "Adapted: ", firstStyle: .dim)
    }
}
