extension DecodingContext {
    static let lessonKeys = ["format_version", "id", "title", "topic"] + Mode.allCases.map(\.rawValue)
    static let minutesRange = 1...600

    // MARK: Course

    func course(_ root: Node) -> Course? {
        guard let f = fields(root, of: "course.yaml", allowed: ["format_version", "lessons"],
                             required: ["format_version", "lessons"]) else { return nil }
        guard let version = formatVersion(f["format_version"]) else { return nil }
        guard let list = sequence(f["lessons"], "lessons") else { return nil }
        var entries: [Course.Entry] = []
        var seen: [String: Int] = [:]
        for node in list {
            guard let id = text(node, "lesson id") else { continue }
            if !LessonDecoder.isValidID(id) {
                report(node, "lesson id '\(id)' must be lowercase letters and digits, words joined by '-'")
            } else if let first = seen[id] {
                report(node, "lesson '\(id)' is listed twice (first on line \(first))")
            } else {
                seen[id] = node.position.line
                entries.append(Course.Entry(id: id, position: node.position))
            }
        }
        return Course(formatVersion: version, entries: entries)
    }

    func formatVersion(_ node: Node?) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, let v = Int(s.string), LessonFormat.supportedVersions.contains(v) else {
            let known = LessonFormat.supportedVersions.sorted().map(String.init).joined(separator: ", ")
            report(node, "unknown format_version \(describe(node)); this version of unroll reads \(known)")
            return nil
        }
        return v
    }

    // MARK: Lesson

    func lesson(_ root: Node) -> Lesson? {
        let modeNames = Mode.allCases.map(\.rawValue)
        guard let f = fields(root, of: "the lesson", allowed: Self.lessonKeys,
                             required: ["format_version", "id", "title", "topic"],
                             unknownKey: { key in
                                 let near = LessonDecoder.suggestion(for: key, among: Self.lessonKeys)
                                 let what = near.map { modeNames.contains($0) } ?? false ? "mode" : "key"
                                 return "unknown \(what) '\(key)'" + (near.map { " (did you mean '\($0)'?)" } ?? "")
                                     + "; the modes are \(modeNames.joined(separator: ", "))"
                             }) else { return nil }
        // An unknown format is not read further: its other keys may mean something else.
        guard f["format_version"] != nil, let version = formatVersion(f["format_version"]) else { return nil }
        let idNode = f["id"]
        var id: String?
        if let idNode, let value = text(idNode, "id") {
            if LessonDecoder.isValidID(value) {
                id = value
                lessonIDPosition = idNode.position
            } else {
                report(idNode, "lesson id '\(value)' must be lowercase letters and digits, words joined by '-'")
            }
        }
        let title = text(f["title"], "title")
        let topic = text(f["topic"], "topic")

        var lesson = Lesson(id: id ?? "", title: title ?? "", topic: topic ?? "", formatVersion: version)
        lesson.intro = f["intro"].flatMap { page($0, mode: .intro) }
        lesson.why = f["why"].flatMap { page($0, mode: .why) }
        lesson.deep = f["deep"].flatMap { page($0, mode: .deep) }
        lesson.tryIt = f["try"].flatMap(trySection)
        lesson.practice = f["practice"].flatMap(practiceSection)
        lesson.challenge = f["challenge"].flatMap(challengeSection)
        lesson.review = f["review"].flatMap(reviewSection)
        lesson.visualize = f["visualize"].flatMap(visualizeSection)
        lesson.playground = f["playground"].flatMap(playgroundSection)
        // The test refers to items, so it is read last.
        lesson.test = f["test"].flatMap { testSection($0, lesson: lesson) }
        // A `teaches:` link leads into the pages, the visualizer or the playground, read above.
        checkTeaches(in: lesson)
        if lesson.modes.isEmpty && !Mode.allCases.contains(where: { f[$0.rawValue] != nil }) {
            report(root, "the lesson has no learning mode; add at least one of \(modeNames.joined(separator: ", "))")
        }
        guard id != nil, title != nil, topic != nil else { return nil }
        return lesson
    }

    // MARK: Pages

    static let blockKinds = ["heading", "text", "code", "diagram", "list"]

    func page(_ node: Node, mode: Mode) -> Page? {
        let what = "the '\(mode.rawValue)' mode"
        guard let f = fields(node, of: what, allowed: ["minutes", "blocks"], required: ["minutes", "blocks"]),
              let minutes = int(f["minutes"], "minutes", in: Self.minutesRange),
              let list = sequence(f["blocks"], "blocks") else { return nil }
        var blocks: [Block] = []
        for item in list {
            guard case .mapping(let m) = item, m.count == 1, let (keyNode, value) = m.first,
                  let kind = keyNode.scalar?.string else {
                report(item, "a block is one of \(Self.blockKinds.map { "'\($0):'" }.joined(separator: ", ")) followed by its text")
                continue
            }
            switch kind {
            case "heading": text(value, "heading").map { blocks.append(.heading($0)) }
            case "text": text(value, "text").map { blocks.append(.text($0)) }
            case "code": text(value, "code").map { blocks.append(.code($0)) }
            case "diagram": text(value, "diagram").map { checkWidth($0, of: "diagram", at: value); blocks.append(.diagram($0)) }
            case "list": textList(value, "list", nonEmpty: true).map { blocks.append(.list($0)) }
            default:
                var message = "unknown block '\(kind)'"
                if let near = LessonDecoder.suggestion(for: kind, among: Self.blockKinds) { message += " (did you mean '\(near)'?)" }
                report(keyNode, message + "; blocks are \(Self.blockKinds.joined(separator: ", "))")
            }
        }
        return Page(minutes: minutes, blocks: blocks)
    }

    /// Diagrams are shown as drawn, never wrapped (wrapping would break the drawing): a line wider
    /// than an 80-column terminal shows would be cut off for every learner. Code wraps, so it may be wider.
    static let maxBlockWidth = 76

    func checkWidth(_ text: String, of kind: String, at node: Node) {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.count > Self.maxBlockWidth {
            report(node, "line \(i + 1) of this \(kind) is \(line.count) columns wide; at most \(Self.maxBlockWidth) fit an 80-column terminal")
        }
    }

    // MARK: Sections

    func trySection(_ node: Node) -> TrySection? {
        guard let f = fields(node, of: "the 'try' mode", allowed: ["minutes", "tasks"], required: ["minutes", "tasks"]),
              let minutes = int(f["minutes"], "minutes", in: Self.minutesRange),
              let list = sequence(f["tasks"], "tasks") else { return nil }
        return TrySection(minutes: minutes, tasks: list.compactMap { fillTask($0, defaultAttempts: FillTask.defaultAttempts) })
    }

    func practiceSection(_ node: Node) -> PracticeSection? {
        guard let f = fields(node, of: "the 'practice' mode", allowed: ["minutes", "questions"], required: ["minutes", "questions"]),
              let minutes = int(f["minutes"], "minutes", in: Self.minutesRange),
              let list = sequence(f["questions"], "questions") else { return nil }
        return PracticeSection(minutes: minutes, questions: list.compactMap { choiceQuestion($0) })
    }

    func challengeSection(_ node: Node) -> ChallengeSection? {
        guard let f = fields(node, of: "the 'challenge' mode", allowed: ["minutes", "items"], required: ["minutes", "items"]),
              let minutes = int(f["minutes"], "minutes", in: Self.minutesRange),
              let list = sequence(f["items"], "items") else { return nil }
        return ChallengeSection(minutes: minutes, items: list.compactMap(challengeItem))
    }

    func reviewSection(_ node: Node) -> ReviewSection? {
        guard let f = fields(node, of: "the 'review' mode", allowed: ["minutes", "cards"], required: ["minutes", "cards"]),
              let minutes = int(f["minutes"], "minutes", in: Self.minutesRange),
              let list = sequence(f["cards"], "cards") else { return nil }
        let cards: [ReviewCard] = list.compactMap { card in
            guard let c = fields(card, of: itemLabel(card, "review card"), allowed: ["id", "prompt", "answer", "teaches"], required: ["id", "prompt", "answer"]) else { return nil }
            let id = registerID(c["id"], "card"), prompt = text(c["prompt"], "prompt"), answer = text(c["answer"], "answer")
            let teaches = c["teaches"].map(teachesLink)
            guard let id, let prompt, let answer, teaches != .some(nil) else { return nil }
            return ReviewCard(id: id, prompt: prompt, answer: answer, teaches: teaches ?? nil)
        }
        return ReviewSection(minutes: minutes, cards: cards)
    }

    func playgroundSection(_ node: Node) -> PlaygroundSection? {
        guard let f = fields(node, of: "the 'playground' mode", allowed: ["minutes", "snippets"], required: ["minutes", "snippets"]),
              let minutes = int(f["minutes"], "minutes", in: Self.minutesRange),
              let list = sequence(f["snippets"], "snippets") else { return nil }
        let snippets: [Snippet] = list.compactMap { node in
            guard let s = fields(node, of: itemLabel(node, "snippet"), allowed: ["id", "title", "code", "raises"], required: ["id", "title", "code"]) else { return nil }
            let id = registerID(s["id"], "snippet"), title = text(s["title"], "title"), code = text(s["code"], "code")
            var raises: String?
            if let r = s["raises"] {
                guard let claim = text(r, "raises", allowTabs: true) else { return nil }
                raises = claim
            }
            guard let id, let title, let code else { return nil }
            return Snippet(id: id, title: title, code: code, raises: raises,
                           position: node.position)
        }
        return PlaygroundSection(minutes: minutes, snippets: snippets)
    }

    func testSection(_ node: Node, lesson: Lesson) -> TestSection? {
        guard let f = fields(node, of: "the 'test' mode", allowed: ["minutes", "items"], required: ["minutes", "items"]),
              let minutes = int(f["minutes"], "minutes", in: Self.minutesRange),
              let listNode = f["items"], let list = sequence(listNode, "items") else { return nil }
        var ids: [String] = [], named: Set<String> = []
        var difficulties: Set<Difficulty> = []
        var gradable: [String: Difficulty] = [:]
        for item in lesson.gradableItems where gradable[item.id] == nil { gradable[item.id] = item.difficulty }
        let gradableInOrder = lesson.gradableItems.map(\.id)
        for entry in list {
            guard let id = text(entry, "test item") else { continue }
            guard named.insert(id).inserted else {
                report(entry, "the test names '\(id)' twice")
                continue
            }
            ids.append(id)
            if let difficulty = gradable[id] {
                difficulties.insert(difficulty)
            } else if gradableIDs.contains(id) {
                report(entry, "the test names '\(id)', which has problems of its own (listed at its lines)")
            } else if itemIDs[id] != nil {
                report(entry, "the test names '\(id)', which is not a try task, practice question or challenge item")
            } else {
                var message = "the test names '\(id)', which does not exist in this lesson"
                if let near = LessonDecoder.suggestion(for: id, among: gradableInOrder) { message += " (did you mean '\(near)'?)" }
                report(entry, message)
            }
        }
        if list.count != TestSection.requiredCount {
            report(listNode, "the test has \(list.count) items; it needs \(TestSection.requiredCount)")
        }
        let missing = Difficulty.allCases.filter { !difficulties.contains($0) }
        if !missing.isEmpty && ids.allSatisfy({ gradable[$0] != nil }) {
            report(listNode, "the test has no \(missing.map(\.rawValue).joined(separator: " or ")) item; it must cover easy, medium and hard")
        }
        return TestSection(minutes: minutes, itemIDs: ids)
    }
}
