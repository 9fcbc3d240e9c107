import RNNEngine

extension State {
    /// Whether the chooser can open `mode` for this lesson: it has content and this build runs it.
    public func canOpen(_ mode: Mode, lesson: Lesson) -> Bool {
        lesson.minutes(for: mode) != nil && Mode.listed.contains(mode)
    }

    mutating func updateModes(_ chooser: inout ModeChooserState, key: Key) -> [Effect] {
        let lesson = lessons[chooser.lessonIndex]
        switch key {
        case .up, .char("k"):
            chooser.selected = nextOpenable(from: chooser.selected, step: -1, lesson: lesson)
        case .down, .char("j"):
            chooser.selected = nextOpenable(from: chooser.selected, step: 1, lesson: lesson)
        case .enter:
            return open(Mode.listed[chooser.selected], lessonIndex: chooser.lessonIndex, task: 0)
        case .char("q"), .escape:
            return back()
        default:
            break
        }
        return []
    }

    mutating func updateModes(_ chooser: inout ModeChooserState, mouse: MouseEvent) -> [Effect] {
        guard mouse.kind == .press, case .modeItem(let index)? = mouse.target else { return [] }
        let lesson = lessons[chooser.lessonIndex]
        guard Mode.listed.indices.contains(index), canOpen(Mode.listed[index], lesson: lesson) else { return [] }
        if chooser.selected == index { return open(Mode.listed[index], lessonIndex: chooser.lessonIndex, task: 0) }
        chooser.selected = index
        return []
    }

    /// The next mode in `step` direction that can be opened; stays put when there is none.
    private func nextOpenable(from index: Int, step: Int, lesson: Lesson) -> Int {
        var i = index + step
        while Mode.listed.indices.contains(i) {
            if canOpen(Mode.listed[i], lesson: lesson) { return i }
            i += step
        }
        return index
    }

    /// Opens a mode of a lesson at a task (0-based), on top of the route. Used by the chooser and by
    /// `unroll LESSON --mode M --task N`.
    public mutating func open(_ mode: Mode, lessonIndex: Int, task: Int) -> [Effect] {
        guard lessons.indices.contains(lessonIndex) else { return [] }
        let lesson = lessons[lessonIndex]
        switch mode {
        case .try:
            guard let tasks = lesson.tryIt?.tasks, !tasks.isEmpty else { return [] }
            let i = min(max(0, task), tasks.count - 1)
            route.append(.fill(FillState(lessonIndex: lessonIndex, taskIndex: i, taskCount: tasks.count, task: tasks[i], shownAt: now)))
            return record(.leftOff(lesson: lesson.id, mode: mode.rawValue, task: tasks[i].id, at: now))
        case .practice:
            guard let questions = lesson.practice?.questions, !questions.isEmpty else { return [] }
            let i = min(max(0, task), questions.count - 1)
            route.append(.choice(ChoiceState(lessonIndex: lessonIndex, questionIndex: i, questionCount: questions.count, question: questions[i], shownAt: now)))
            return record(.leftOff(lesson: lesson.id, mode: mode.rawValue, task: questions[i].id, at: now))
        case .visualize:
            guard let section = lesson.visualize else { return [] }
            var seed: UInt64 = 0
            var weights: [String: Tensor]?
            switch section.weights {
            case .seed(let n): seed = UInt64(max(0, n))
            case .stateDict: weights = visualizeWeights[lesson.id]
            }
            var vis = VisualizerState(config: VisualizerConfig(section: section, stateDict: weights), seed: seed, lessonIndex: lessonIndex)
            if case .stateDict(let path) = section.weights, weights == nil { vis.notice = "weights file \(path) was not loaded; showing seeded weights" }
            route.append(.visualize(vis))
        case .intro, .why, .deep:
            guard lesson.page(for: mode) != nil else { return [] }
            route.append(.page(PageState(lessonIndex: lessonIndex, mode: mode)))
        case .test:
            return openTest(lessonIndex: lessonIndex, task: task)
        case .review:
            return openReview(lessonIndex: lessonIndex, task: task)
        case .challenge:
            return openChallenge(lessonIndex: lessonIndex, task: task)
        case .playground:
            guard let snippets = lesson.playground?.snippets, !snippets.isEmpty else { return [] }
            let i = min(max(0, task), snippets.count - 1)
            route.append(.playground(PlaygroundState(lessonIndex: lessonIndex, snippetIndex: i, snippetCount: snippets.count, snippet: snippets[i])))
        }
        return []
    }

    /// Replaces the task on screen with its neighbour in the same mode.
    mutating func replaceTask(_ mode: Mode, lessonIndex: Int, task: Int) -> [Effect] {
        route.removeLast()
        return open(mode, lessonIndex: lessonIndex, task: task)
    }
}
