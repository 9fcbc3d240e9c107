import Foundation
import RNNEngine

/// A screen just built for a mode, and what opening it asks for (the resume point, a clock).
public struct OpenedScreen: Sendable, Equatable {
    public var screen: Screen
    public var commands: [Command]
}

extension ScreenContext {
    /// A lesson's chooser, its cursor on the mode recommended next (else the first it can open).
    public func chooser(lessonIndex index: Int) -> ModeChooserState? {
        guard lessons.indices.contains(index) else { return nil }
        let lesson = lessons[index]
        let recommended = overview(lessonIndex: index).recommended.flatMap { Mode.listed.firstIndex(of: $0) }
        let first = recommended ?? Mode.listed.firstIndex { lesson.opens($0) } ?? 0
        return ModeChooserState(lessonIndex: index, selected: first)
    }

    /// The screen of a mode of a lesson at a task (0-based, clamped), or nil when the lesson has no
    /// such content. Opening records where the learner left off (so `r` on the menu comes back here).
    public func opening(_ mode: Mode, lessonIndex: Int, task: Int) -> OpenedScreen? {
        guard lessons.indices.contains(lessonIndex) else { return nil }
        let lesson = lessons[lessonIndex]
        switch mode {
        case .try:
            guard let tasks = lesson.tryIt?.tasks, !tasks.isEmpty else { return nil }
            let i = min(max(0, task), tasks.count - 1)
            return OpenedScreen(screen: .fill(FillState(lessonIndex: lessonIndex, taskIndex: i, taskCount: tasks.count, task: tasks[i], shownAt: now)),
                                commands: [leftOff(lesson, mode, item: tasks[i].id)])
        case .practice:
            guard let questions = lesson.practice?.questions, !questions.isEmpty else { return nil }
            let i = min(max(0, task), questions.count - 1)
            return OpenedScreen(screen: .choice(ChoiceState(lessonIndex: lessonIndex, questionIndex: i, questionCount: questions.count, question: questions[i], shownAt: now)),
                                commands: [leftOff(lesson, mode, item: questions[i].id)])
        case .visualize:
            let items = lesson.visualizations
            guard !items.isEmpty else { return nil }
            let i = min(max(0, task), items.count - 1)
            let section = items[i]
            var seed: UInt64 = 0
            var weights: [String: Tensor]?
            switch section.weights {
            case .seed(let n): seed = UInt64(max(0, n))
            case .stateDict: weights = section.weightsKey(lessonID: lesson.id).flatMap { visualizeWeights[$0] }
            }
            var vis = VisualizerState(config: VisualizerConfig(section: section, stateDict: weights), seed: seed, lessonIndex: lessonIndex)
            vis.item = i
            vis.itemCount = items.count
            if case .stateDict(let path) = section.weights, weights == nil { vis.notice = "weights file \(path) was not loaded; showing seeded weights" }
            return OpenedScreen(screen: .visualize(vis), commands: [leftOff(lesson, mode, item: "")])
        case .intro, .why, .deep:
            guard lesson.page(for: mode) != nil else { return nil }
            return OpenedScreen(screen: .page(PageState(lessonIndex: lessonIndex, mode: mode)), commands: [leftOff(lesson, mode, item: "")])
        case .test:
            return openingTest(lessonIndex: lessonIndex, task: task)
        case .review:
            return openingReview(lessonIndex: lessonIndex, task: task)
        case .challenge:
            return openingChallenge(lessonIndex: lessonIndex, task: task)
        case .playground:
            guard let snippets = lesson.playground?.snippets, !snippets.isEmpty else { return nil }
            let i = min(max(0, task), snippets.count - 1)
            return OpenedScreen(screen: .playground(PlaygroundState(lessonIndex: lessonIndex, snippetIndex: i, snippetCount: snippets.count, snippet: snippets[i])),
                                commands: [leftOff(lesson, mode, item: snippets[i].id)])
        }
    }

    func leftOff(_ lesson: Lesson, _ mode: Mode, item: String) -> Command {
        .record(.leftOff(lesson: lesson.id, mode: mode.rawValue, task: item, at: now))
    }

    /// The resume point, when it names a lesson of this course and a mode this build opens.
    /// `l` (the chooser, a summary): the next lesson's chooser, or, after the last, a note that says so
    /// (it did nothing at all).
    func nextLesson(after index: Int) -> [Command] {
        index + 1 < lessons.count
            ? [.openLesson(index + 1)]
            : [.note("This is the last lesson of the course; q goes back to the lessons.")]
    }

    public var resumeTarget: (lessonIndex: Int, mode: Mode, task: Int)? {
        guard let point = progress.resumePoint,
              let index = lessons.firstIndex(where: { $0.id == point.lesson }),
              let mode = Mode(rawValue: point.mode), Mode.listed.contains(mode) else { return nil }
        let lesson = lessons[index]
        let ids: [String] = switch mode {
        case .try: lesson.tryIt?.tasks.map(\.id) ?? []
        case .practice: lesson.practice?.questions.map(\.id) ?? []
        case .playground: lesson.playground?.snippets.map(\.id) ?? []
        // A test, a challenge (scored only when run from its first item), a review and a page start from
        // the beginning.
        case .intro, .why, .deep, .challenge, .review, .visualize, .test: []
        }
        return (index, mode, ids.firstIndex(of: point.task) ?? 0)
    }
}

extension Lesson {
    /// Whether the chooser can open `mode` for this lesson: it has content and this build runs it.
    public func opens(_ mode: Mode) -> Bool {
        minutes(for: mode) != nil && Mode.listed.contains(mode)
    }

    /// The mode after `mode` in the chooser's order that this lesson can open, if any.
    public func mode(after mode: Mode) -> Mode? {
        guard let i = Mode.listed.firstIndex(of: mode) else { return nil }
        return Mode.listed[(i + 1)...].first { opens($0) }
    }
}

extension State {
    /// Whether the chooser can open `mode` for this lesson.
    public func canOpen(_ mode: Mode, lesson: Lesson) -> Bool { lesson.opens(mode) }

    /// The mode after `mode` in the chooser's order that this lesson can open, if any.
    public func nextMode(after mode: Mode, lesson: Lesson) -> Mode? { lesson.mode(after: mode) }

    /// The resume point, when it names a lesson of this course and a mode this build opens.
    public var resumeTarget: (lessonIndex: Int, mode: Mode, task: Int)? { context.resumeTarget }
}
