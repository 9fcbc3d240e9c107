/// Instructor preview: jump to any task with `g`, and take a saved lesson file in place.
extension State {
    /// A lesson at a glance, as the chooser and the overview show it.
    public func overview(lessonIndex: Int) -> LessonOverview { context.overview(lessonIndex: lessonIndex) }

    /// Where the screen on top is: its mode, lesson and task (0-based); nil for the menu and chooser.
    public var position: ScreenPosition? { screen.position }

    /// `g`, digits, Enter: go to task N of the mode on screen. Esc cancels.
    mutating func updateGoto(_ key: Key) -> [Effect] {
        switch key {
        case .char(let c) where c.isASCII && c.isNumber:
            goto = (goto ?? "") + String(c)
        case .backspace, .delete:
            goto = String((goto ?? "").dropLast())
        case .enter:
            let n = Int(goto ?? "") ?? 0
            goto = nil
            guard let at = position, n >= 1 else { return [] }
            let count = lessons[at.lessonIndex].taskCount(for: at.mode)
            guard n <= count else {
                status = "There is no task \(n): \(at.mode.title) has \(count)."
                return []
            }
            return apply([.status(nil), .open(at.mode, lessonIndex: at.lessonIndex, task: n - 1, .replace)])
        case .char, .ctrl, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .tab, .backTab, .escape:
            goto = nil
        }
        return []
    }

    /// The previewed lesson was saved and decodes: take it in place, on the same mode and task.
    mutating func reload(_ lesson: Lesson) -> [Effect] {
        lessonProblems = []
        guard let index = lessons.firstIndex(where: { $0.id == lesson.id }) ?? position?.lessonIndex else {
            lessons.append(lesson)
            return []
        }
        lessons[index] = lesson
        guard let at = position, at.lessonIndex == index else { return [] }
        let scroll = pageScroll
        let count = lesson.taskCount(for: at.mode)
        guard lesson.minutes(for: at.mode) != nil, count > 0 else { return apply([.pop]) }
        let effects = apply([.open(at.mode, lessonIndex: index, task: min(at.task, count - 1), .replace)])
        if case .page(var p) = screen { p.scroll = scroll; screen = .page(p) }
        return effects
    }

    private var pageScroll: Int { if case .page(let p) = screen { return p.scroll }; return 0 }
}

extension Lesson {
    /// How many tasks `--task` and `g` can choose from in a mode (1 for a page).
    public func taskCount(for mode: Mode) -> Int {
        switch mode {
        case .intro, .why, .deep: page(for: mode) == nil ? 0 : 1
        case .try: tryIt?.tasks.count ?? 0
        case .practice: practice?.questions.count ?? 0
        case .challenge: challenge?.items.count ?? 0
        case .review: review?.cards.count ?? 0
        case .test: testItems.count
        case .visualize: visualize == nil ? 0 : 1
        case .playground: playground?.snippets.count ?? 0
        }
    }
}
