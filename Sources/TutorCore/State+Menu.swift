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
        case .char("r"):
            guard let target = resumeTarget else { return [] }
            menu.selected = target.lessonIndex
            var effects = openLesson(at: target.lessonIndex)
            effects += open(target.mode, lessonIndex: target.lessonIndex, task: target.task)
            return effects
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

    public mutating func openLesson(at index: Int) -> [Effect] {
        guard lessons.indices.contains(index) else { return [] }
        status = nil
        let lesson = lessons[index]
        let first = Mode.listed.firstIndex { canOpen($0, lesson: lesson) } ?? 0
        route.append(.modes(ModeChooserState(lessonIndex: index, selected: first)))
        return []
    }
}
