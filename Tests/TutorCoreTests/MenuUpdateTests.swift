import Testing
@testable import TutorCore

@Suite struct MenuUpdateTests {
    var state = State(
        lessons: [Lesson(id: "a", title: "A"), Lesson(id: "b", title: "B"), Lesson(id: "c", title: "C")],
        size: Size(width: 80, height: 24))

    var selected: Int {
        guard case .menu(let menu) = state.screen else { return -1 }
        return menu.selected
    }

    @Test mutating func arrowsAndVimKeysMoveWithinBounds() {
        _ = state.update(.key(.up))
        #expect(selected == 0)
        _ = state.update(.key(.down))
        _ = state.update(.key(.char("j")))
        _ = state.update(.key(.down))
        #expect(selected == 2)
        _ = state.update(.key(.char("k")))
        #expect(selected == 1)
        _ = state.update(.key(.home))
        #expect(selected == 0)
        _ = state.update(.key(.end))
        #expect(selected == 2)
    }

    @Test mutating func qEscAndCtrlCQuitFromTheMenu() {
        #expect(state.update(.key(.char("q"))) == [.quit])
        #expect(state.update(.key(.escape)) == [.quit])
        #expect(state.update(.key(.ctrl("c"))) == [.quit])
    }

    @Test mutating func ctrlZSuspends() {
        #expect(state.update(.key(.ctrl("z"))) == [.suspend])
    }

    @Test mutating func helpOpensAndAnyKeyClosesItWithoutActing() {
        _ = state.update(.key(.char("?")))
        #expect(state.showsHelp)
        #expect(state.update(.key(.char("q"))) == [])
        #expect(!state.showsHelp)
        #expect(selected == 0)
    }

    @Test mutating func clickSelectsThenOpens() {
        _ = state.update(.mouse(MouseEvent(kind: .press, column: 5, row: 4, target: .menuItem(2))))
        #expect(selected == 2)
        _ = state.update(.mouse(MouseEvent(kind: .wheelUp, column: 5, row: 4)))
        #expect(selected == 1)
    }

    @Test mutating func resizeIsRemembered() {
        _ = state.update(.resize(Size(width: 30, height: 8)))
        #expect(state.size.isTooSmall)
    }
}
