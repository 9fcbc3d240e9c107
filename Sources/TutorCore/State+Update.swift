import Foundation

extension State {
    /// The one place the tutor changes: a message in, the new state and the effects to run out.
    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .resize(let newSize):
            size = newSize
            return []
        case .notice(let sentence):
            status = sentence
            return []
        case .tick:
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
        case .key(.char("?")):
            showsHelp = true
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

    private mutating func updateScreen(key: Key) -> [Effect] {
        switch screen {
        case .menu(var menu):
            let effects = updateMenu(&menu, key: key)
            if case .menu = screen { screen = .menu(menu) }
            return effects
        }
    }

    private mutating func updateScreen(mouse: MouseEvent) -> [Effect] {
        switch screen {
        case .menu(var menu):
            let effects = updateMenu(&menu, mouse: mouse)
            if case .menu = screen { screen = .menu(menu) }
            return effects
        }
    }
}
