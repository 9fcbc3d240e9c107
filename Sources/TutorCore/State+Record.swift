import Foundation

extension State {
    /// Scrolls one row for a wheel event, within what the last frame measured; true when `kind`
    /// was a wheel event (so the caller is done with it).
    func wheel(_ kind: MouseEvent.Kind, _ scroll: inout Int) -> Bool {
        switch kind {
        case .wheelDown: scroll = min(scrollLimit, scroll + 1)
        case .wheelUp: scroll = max(0, scroll - 1)
        default: return false
        }
        return true
    }

    /// The id of the lesson a screen belongs to.
    func lessonID(_ index: Int) -> String { lessons.indices.contains(index) ? lessons[index].id : "" }

    /// The resume point, when it names a lesson of this course and a mode this build opens.
    public var resumeTarget: (lessonIndex: Int, mode: Mode, task: Int)? {
        guard let point = progress.resumePoint,
              let index = lessons.firstIndex(where: { $0.id == point.lesson }),
              let mode = Mode(rawValue: point.mode), Mode.listed.contains(mode) else { return nil }
        let lesson = lessons[index]
        let ids: [String]
        switch mode {
        case .try: ids = lesson.tryIt?.tasks.map(\.id) ?? []
        case .practice: ids = lesson.practice?.questions.map(\.id) ?? []
        default: ids = []
        }
        return (index, mode, ids.firstIndex(of: point.task) ?? 0)
    }
}
