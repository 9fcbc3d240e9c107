import Foundation

extension State {
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
