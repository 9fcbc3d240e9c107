extension State {
    mutating func updateMenu(_ menu: inout MenuState, key: Key) -> [Effect] {
        switch key {
        case .up, .char("k"):
            menu.selected = max(0, menu.selected - 1)
        case .down, .char("j"):
            menu.selected = min(max(0, lessons.count - 1), menu.selected + 1)
        case .home:
            menu.selected = 0
        case .end:
            menu.selected = max(0, lessons.count - 1)
        case .char("q"), .escape:
            return back()
        case .enter:
            return openLesson(at: menu.selected)
        default:
            break
        }
        return []
    }

    mutating func updateMenu(_ menu: inout MenuState, mouse: MouseEvent) -> [Effect] {
        switch (mouse.kind, mouse.target) {
        case (.press, .menuItem(let index)?):
            if menu.selected == index { return openLesson(at: index) }
            menu.selected = index
        case (.wheelUp, _):
            menu.selected = max(0, menu.selected - 1)
        case (.wheelDown, _):
            menu.selected = min(max(0, lessons.count - 1), menu.selected + 1)
        default:
            break
        }
        return []
    }

    mutating func openLesson(at index: Int) -> [Effect] {
        guard lessons.indices.contains(index) else { return [] }
        status = "\(lessons[index].title): its learning modes arrive with the lesson screens."
        return []
    }
}
