import Foundation

extension State {
    /// The one place the tutor changes: a message in, the new state and the effects to run out.
    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resize(let newSize):
            size = newSize
            // The visualizer's columns depend on the width: keep the current step in view.
            if case .visualize(var vis) = screen { vis.keepInView(width: newSize.width); screen = .visualize(vis) }
            if case .playground(var play) = screen { play.keepCursorInView(size: newSize); screen = .playground(play) }
            return []
        case .notice(let sentence):
            status = sentence
            return []
        case .tick(let date):
            now = date
            if case .visualize(var vis) = screen { let effects = updateVisualizerTick(&vis); screen = .visualize(vis); return effects }
            return updateTick()
        case .lessonReloaded(let lesson):
            return reload(lesson)
        case .lessonBroken(let problems):
            lessonProblems = problems
            return []
        case .key(let key) where goto != nil:
            return updateGoto(key)
        case .key(.char("g")) where settings.preview && !showsHelp && !isEditing:
            goto = ""
            return []
        case .layout(let limit):
            scrollLimit = limit
            return []
        case .key(.ctrl("c")):
            return [.quit]
        case .key(.ctrl("z")):
            return [.suspend]
        case .key(let key) where showsHelp:
            // Any key closes the help; it never acts on the screen beneath.
            _ = key
            showsHelp = false
            return []
        case .key(.char("?")) where !isEditing:
            showsHelp = true
            return []
        case .snippetRan(let output, let failed, let modules, let runtime):
            snippetRan(output: output, failed: failed, modules: modules, runtime: runtime)
            return []
        case .key(let key):
            return updateScreen(key: key)
        case .mouse(let event):
            if showsHelp {
                if event.kind == .press { showsHelp = false }
                return []
            }
            return updateScreen(mouse: event)
        }
    }

    /// Leave the current screen; leaving the menu quits.
    mutating func back() -> [Effect] {
        if route.count == 1 { return [.quit] }
        route.removeLast()
        return []
    }

    /// A clock tick goes to the screen that asked for the timer (the challenge).
    private mutating func updateTick() -> [Effect] {
        // A tick for a screen that no longer runs a clock stops the clock.
        guard case .challenge(var challenge) = screen else { return [.stopTimer] }
        let effects = tickChallenge(&challenge)
        if case .challenge = screen { screen = .challenge(challenge) }
        return effects
    }

    /// Records a progress event: applied to `progress` and emitted for the runtime to save.
    /// Preview records nothing.
    mutating func record(_ event: ProgressEvent) -> [Effect] {
        if settings.preview { return [] }
        progress.apply(event)
        return [.record(event)]
    }

    // Each screen's handler works on a copy and writes it back only if the handler did not move to
    // another screen (opening a task replaces the route's top).
    private mutating func updateScreen(key: Key) -> [Effect] {
        let depth = route.count
        switch screen {
        case .menu(var menu):
            let effects = updateMenu(&menu, key: key)
            if route.count == depth, case .menu = screen { screen = .menu(menu) }
            return effects
        case .modes(var chooser):
            let effects = updateModes(&chooser, key: key)
            if route.count == depth, case .modes = screen { screen = .modes(chooser) }
            return effects
        case .fill(var fill):
            let effects = updateFill(&fill, key: key)
            if route.count == depth, case .fill(let current) = screen, current.taskIndex == fill.taskIndex { screen = .fill(fill) }
            return effects
        case .choice(var choice):
            let effects = updateChoice(&choice, key: key)
            if route.count == depth, case .choice(let current) = screen, current.questionIndex == choice.questionIndex { screen = .choice(choice) }
            return effects
        case .visualize(var vis):
            let effects = updateVisualizer(&vis, key: key)
            if route.count == depth, case .visualize = screen { screen = .visualize(vis) }
            return effects
        case .page(var page):
            let effects = updatePage(&page, key: key)
            if route.count == depth, case .page(let current) = screen, current.mode == page.mode { screen = .page(page) }
            return effects
        case .test(var test):
            let effects = updateTest(&test, key: key)
            if route.count == depth, case .test = screen { screen = .test(test) }
            return effects
        case .review(var review):
            let effects = updateReview(&review, key: key)
            if route.count == depth, case .review = screen { screen = .review(review) }
            return effects
        case .challenge(var challenge):
            let effects = updateChallenge(&challenge, key: key)
            if route.count == depth, case .challenge = screen { screen = .challenge(challenge) }
            return effects
        case .playground(var play):
            let effects = updatePlayground(&play, key: key)
            if route.count == depth, case .playground(let current) = screen, current.snippetIndex == play.snippetIndex { screen = .playground(play) }
            return effects
        }
    }

    private mutating func updateScreen(mouse: MouseEvent) -> [Effect] {
        let depth = route.count
        switch screen {
        case .menu(var menu):
            let effects = updateMenu(&menu, mouse: mouse)
            if route.count == depth, case .menu = screen { screen = .menu(menu) }
            return effects
        case .modes(var chooser):
            let effects = updateModes(&chooser, mouse: mouse)
            if route.count == depth, case .modes = screen { screen = .modes(chooser) }
            return effects
        case .fill(var fill):
            let effects = updateFill(&fill, mouse: mouse)
            if route.count == depth, case .fill = screen { screen = .fill(fill) }
            return effects
        case .choice(var choice):
            let effects = updateChoice(&choice, mouse: mouse)
            if route.count == depth, case .choice = screen { screen = .choice(choice) }
            return effects
        case .visualize(var vis):
            let effects = updateVisualizer(&vis, mouse: mouse)
            if route.count == depth, case .visualize = screen { screen = .visualize(vis) }
            return effects
        case .page(var page):
            let effects = updatePage(&page, mouse: mouse)
            if route.count == depth, case .page = screen { screen = .page(page) }
            return effects
        case .test(var test):
            let effects = updateTest(&test, mouse: mouse)
            if route.count == depth, case .test = screen { screen = .test(test) }
            return effects
        case .review(var review):
            let effects = updateReview(&review, mouse: mouse)
            if route.count == depth, case .review = screen { screen = .review(review) }
            return effects
        case .challenge(var challenge):
            let effects = updateChallenge(&challenge, mouse: mouse)
            if route.count == depth, case .challenge = screen { screen = .challenge(challenge) }
            return effects
        case .playground:
            return []
        }
    }

    /// The screen on top takes typed text (the playground's editor): `?` and `g` type, not act.
    var isEditing: Bool { if case .playground = screen { return true }; return false }
}
