import Foundation

extension State {
    /// The one place the tutor changes: a message in, the new state and the effects to run out.
    /// Tutor-wide keys (Ctrl-C, Ctrl-Z, help, preview's `g`) are taken here; everything else goes to
    /// the screen on top, whose commands `apply` carries out.
    public mutating func update(_ msg: Msg) -> [Effect] {
        guard settings.screenReader else { return handle(msg) }
        // Announcements come from the states before and after, in one place, not from the screens.
        let before = self
        let effects = handle(msg)
        if let line = Announcer.announce(from: before, to: self) { announcement = line }
        return effects
    }

    private mutating func handle(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resize(let newSize):
            size = newSize
            return updateScreen(.resize)
        case .notice(let sentence):
            status = sentence
            return []
        case .tick(let date):
            now = date
            return updateScreen(.tick)
        case .lessonReloaded(let lesson):
            return reload(lesson)
        case .lessonBroken(let problems):
            lessonProblems = problems
            return []
        case .layout(let limit, let offset):
            scrollLimit = limit
            scrollOffset = offset
            return []
        case .snippetRan(let output, let failed, let modules, let runtime):
            return updateScreen(.snippetRan(output: output, failed: failed, modules: modules, runtime: runtime))
        case .key(let key):
            return update(key: key)
        case .paste(let text):
            return paste(text)
        case .mouse(let event):
            if showsHelp {
                if event.kind == .press { showsHelp = false }
                return []
            }
            return updateScreen(.mouse(event))
        }
    }

    private mutating func update(key: Key) -> [Effect] {
        if key == .ctrl("c") { return [.quit] }
        if key == .ctrl("z") { return [.suspend] }
        if goto != nil { return updateGoto(key) }
        if showsHelp {
            // Any key closes the help; it never acts on the screen beneath.
            showsHelp = false
            return []
        }
        let editing = screen.model.takesText
        if key == .char("?") && !editing {
            showsHelp = true
            return []
        }
        if key == .char("g") && settings.preview && !editing && !screen.model.takesG {
            goto = ""
            return []
        }
        return updateScreen(.key(key))
    }

    /// The screen on top updates itself (its state is kept whatever it asks for), then its commands
    /// are applied: a new screen it asks for is never overwritten by the old one.
    /// A paste goes into the screen that takes text; elsewhere it does nothing but say so (as keys it
    /// would answer, skip and quit at random), and a paste closes the help as a key does.
    private mutating func paste(_ text: String) -> [Effect] {
        if showsHelp {
            showsHelp = false
            return []
        }
        guard goto == nil, screen.model.takesText else {
            status = "Pasted text goes into the playground's editor only; here, keys choose."
            return []
        }
        let context = self.context
        var top = screen
        let commands = top.paste(text, context)
        screen = top
        return apply(commands)
    }

    private mutating func updateScreen(_ msg: ScreenMsg) -> [Effect] {
        let context = self.context
        var top = screen
        let commands = top.update(msg, context)
        screen = top
        return apply(commands)
    }
}
