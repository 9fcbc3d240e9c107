/// "Test this pattern": the lesson's test items, one attempt each, no hints or feedback until the
/// end, then the score, a verdict and the missed items with their solutions.
public struct TestState: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        case strong = "strong"
        case gettingThere = "getting there"
        case notYet = "not yet"

        /// strong ≥ 80 %, getting there ≥ 50 %, else not yet.
        public init(score: Int, total: Int) {
            let f = total > 0 ? Double(score) / Double(total) : 0
            self = f >= 0.8 ? .strong : f >= 0.5 ? .gettingThere : .notYet
        }
    }

    public var lessonIndex: Int
    public var items: [LessonItem]
    /// The item on screen (0-based).
    public var index: Int
    public var work: ItemWork
    /// Right or wrong for each item answered so far, in order.
    public var results: [Bool] = []
    /// Scroll of the result page.
    public var scroll = 0

    public init(lessonIndex: Int, items: [LessonItem], index: Int = 0) {
        self.lessonIndex = lessonIndex
        self.items = items
        self.index = index
        self.work = ItemWork(items[index], lessonIndex: lessonIndex, index: index, count: items.count, attempts: 1)
    }

    public var isFinished: Bool { results.count == items.count }
    public var score: Int { results.filter { $0 }.count }
    public var verdict: Verdict { Verdict(score: score, total: items.count) }
    /// The items answered wrongly, in test order.
    public var missed: [LessonItem] { zip(items, results).filter { !$0.1 }.map(\.0) }
}

extension State {
    mutating func openTest(lessonIndex: Int, task: Int) -> [Effect] {
        let items = lessons[lessonIndex].testItems
        guard !items.isEmpty else { return [] }
        var test = TestState(lessonIndex: lessonIndex, items: items, index: 0)
        test.work.shownAt = now
        // Preview may jump to any question; a learner's test always starts at the first.
        if settings.preview, task > 0 { jump(&test, to: min(task, items.count - 1)) }
        route.append(.test(test))
        return []
    }

    /// Preview only: show item `i` without answering the ones before it.
    func jump(_ test: inout TestState, to i: Int) {
        test.index = i
        test.results = []
        test.work = ItemWork(test.items[i], lessonIndex: test.lessonIndex, index: i, count: test.items.count, attempts: 1)
    }

    mutating func updateTest(_ test: inout TestState, key: Key) -> [Effect] {
        if test.isFinished {
            switch key {
            case .char("q"), .escape: return back()
            case .up, .char("k"): test.scroll = max(0, test.scroll - 1)
            case .down, .char("j"): test.scroll = min(scrollLimit, test.scroll + 1)
            case .pageUp: test.scroll = max(0, test.scroll - max(1, size.height / 2))
            case .pageDown, .char(" "): test.scroll = min(scrollLimit, test.scroll + max(1, size.height / 2))
            case .char("r"):
                route.removeLast()
                return openTest(lessonIndex: test.lessonIndex, task: 0)
            default: break
            }
            return []
        }
        switch key {
        case .char("q"):
            return back()
        case .escape:
            if case .fill(let f) = test.work, f.carrying != nil { break }
            return back()
        case .char("n") where settings.preview:
            if test.index + 1 < test.items.count { jump(&test, to: test.index + 1) }
            return []
        case .char("p") where settings.preview:
            if test.index > 0 { jump(&test, to: test.index - 1) }
            return []
        case .char("h"), .char("m"), .char("n"), .char("p"):
            status = "No hints in the test: the solutions come at the end."
            return []
        default:
            break
        }
        updateWork(&test.work, key: key)
        return afterAnswer(&test)
    }

    mutating func updateTest(_ test: inout TestState, mouse: MouseEvent) -> [Effect] {
        if test.isFinished {
            _ = wheel(mouse.kind, &test.scroll)
            return []
        }
        updateWork(&test.work, mouse: mouse)
        return afterAnswer(&test)
    }

    /// Once the item on screen is graded: note it, move to the next item without telling whether it
    /// was right, and at the end record the score.
    private mutating func afterAnswer(_ test: inout TestState) -> [Effect] {
        guard let right = test.work.verdict else { return [] }
        let lesson = lessons[test.lessonIndex].id
        let item = test.items[test.index].id
        var effects = record(.attempt(lesson: lesson, item: item, answer: test.work.answer(mode: .test, at: now)))
        if !right { effects += record(.missed(lesson: lesson, item: item, at: now)) }
        status = nil
        if settings.preview, test.results.count < test.index {
            // A preview that jumped ahead has no answers for the items it skipped.
            test.results = Array(repeating: false, count: test.index)
        }
        test.results.append(right)
        if test.results.count < test.items.count {
            test.index += 1
            test.work = ItemWork(test.items[test.index], lessonIndex: test.lessonIndex, index: test.index, count: test.items.count, attempts: 1, shownAt: now)
        } else {
            test.scroll = 0
            effects += record(.testScore(lesson: lesson, score: test.score, total: test.items.count, at: now))
        }
        return effects
    }
}
