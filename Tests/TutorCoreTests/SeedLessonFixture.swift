import Foundation
@testable import TutorCore

/// The seed lesson as shipped in Lessons/, for tests that drive the screens over real content.
enum SeedLesson {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lessons/01-why-rnns-handle-sequences.yaml")

    static let lesson: Lesson = {
        let text = try! String(contentsOf: url, encoding: .utf8)
        let decoded = LessonDecoder.decodeLesson(yaml: text, file: url.path)
        precondition(decoded.problems.isEmpty, "seed lesson has problems: \(decoded.problems)")
        return decoded.lesson!
    }()

    /// A state with the seed lesson open in `mode` at task `task` (0-based).
    static func state(_ mode: Mode, task: Int = 0, size: Size = Size(width: 80, height: 24)) -> State {
        var state = State(lessons: [lesson], size: size)
        _ = state.openLesson(at: 0)
        _ = state.open(mode, lessonIndex: 0, task: task)
        return state
    }
}

extension State {
    var fill: FillState? { if case .fill(let f) = screen { return f }; return nil }
    var choice: ChoiceState? { if case .choice(let c) = screen { return c }; return nil }

    mutating func send(_ keys: Key...) { for key in keys { _ = update(.key(key)) } }
    mutating func click(_ target: HitTarget, _ kind: MouseEvent.Kind = .press) {
        _ = update(.mouse(MouseEvent(kind: kind, column: 0, row: 0, target: target)))
    }
}
