import Foundation

extension State {
    /// The one place commands take effect: the route changes, progress events are applied and handed
    /// on to be saved, the status line and the clock. Returns the effects for the runtime, in order.
    public mutating func apply(_ commands: [Command]) -> [Effect] {
        var effects: [Effect] = []
        for command in commands {
            switch command {
            case .push(let next):
                route.append(next)
                note = nil
            case .replace(let next):
                screen = next
                note = nil
            case .pop:
                if route.count == 1 { effects.append(.quit) } else { route.removeLast() }
                note = nil
            case .open(let mode, let lessonIndex, let task, let placement):
                guard let opened = context.opening(mode, lessonIndex: lessonIndex, task: task) else { continue }
                let place: Command = switch placement {
                case .push: .push(opened.screen)
                case .replace: .replace(opened.screen)
                }
                effects += apply([place] + opened.commands)
            case .openLesson(let index):
                guard let chooser = context.chooser(lessonIndex: index) else { continue }
                route = [.menu(MenuState(selected: index)), .modes(chooser)]
                status = nil
                note = nil
            case .record(let event):
                // Preview records nothing, in memory or on disk.
                guard !settings.preview else { continue }
                progress.apply(event)
                effects.append(.record(event))
            case .status(let sentence):
                status = sentence
            case .note(let sentence):
                note = sentence
            case .showHelp:
                showsHelp = true
            case .startTimer(let interval):
                effects.append(.startTimer(interval: interval))
            case .stopTimer:
                effects.append(.stopTimer)
            case .runSnippet(let code):
                effects.append(.runSnippet(code))
            }
        }
        return effects
    }

    /// Opens a mode of a lesson at a task (0-based) on top of the route: what the chooser does, and
    /// `unroll LESSON --mode M --task N`.
    public mutating func open(_ mode: Mode, lessonIndex: Int, task: Int) -> [Effect] {
        apply([.open(mode, lessonIndex: lessonIndex, task: task, .push)])
    }

    /// Opens a lesson's chooser on top of the route (Enter on the menu).
    public mutating func openLesson(at index: Int) -> [Effect] {
        guard let chooser = context.chooser(lessonIndex: index) else { return [] }
        return apply([.status(nil), .push(.modes(chooser))])
    }

    /// The lesson's chooser, then (when given) a mode at a task: how `unroll LESSON` starts.
    /// A status set before the start (the progress file that cannot be read or was moved aside, lesson
    /// files kept out) stays: opening the chooser clears the menu's status, but this one has not been
    /// seen yet, and a learner never told that saving fails loses a whole session.
    public mutating func start(lessonIndex: Int, mode: Mode?, task: Int) -> [Effect] {
        let startup = status
        route = [.menu(MenuState(selected: lessonIndex))]
        var effects = openLesson(at: lessonIndex)
        if let mode { effects += open(mode, lessonIndex: lessonIndex, task: task) }
        if let startup { status = startup }
        return effects
    }
}
