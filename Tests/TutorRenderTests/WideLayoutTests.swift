import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// Issue 21's readable measure and wide layouts, its footers at 80 columns, and its ASCII forms.
@Suite struct WideLayoutTests {
    static let wide = Size(width: 200, height: 60)

    /// Cells of text on a row, from its first to its last non-blank cell.
    static func textWidth(_ line: String) -> Int { DisplayWidth.of(line.trimmingCharacters(in: .whitespaces)) }
    static func leftMargin(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    @Test func proseKeepsTheMeasureInACentredColumnAndCodeItsWidth() {
        let page = Renderer.render(ScreenReaderRenderTests.state(.why, size: Self.wide, settings: Settings()))
        let body = page.lines.dropFirst().dropLast()
        let prose = body.filter { !$0.contains("│") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(prose.allSatisfy { Self.textWidth($0) <= Doc.measure })
        // The column is centred: the same margin on both sides, within a cell.
        let margin = Self.leftMargin(prose.first!)
        #expect(margin > 50)
        let column = prose.map { Self.leftMargin($0) }.min()!
        #expect(abs((200 - column - (Doc.measure + 2)) - column) <= 2)
        Snapshot.assertMatches(page, named: "page-why-200x60")

        let fill = Renderer.render(ScreenReaderRenderTests.state(.try, task: 4, size: Self.wide, settings: Settings()))
        #expect(fill.lines.contains { $0.contains("│ result = {") && Self.leftMargin($0) > 50 })
        #expect(fill.hits.contains { $0.target == .blank(1) && $0.rect.x > 50 })   // clicks land where it is drawn
        Snapshot.assertMatches(fill, named: "fill-task-200x60")
    }

    @Test func aCodeLineWiderThanTheMeasureKeepsItsWidth() {
        var lesson = ScreenSnapshotTests.seed
        let long = "x = torch.randn(7, 3, 4)   # " + String(repeating: "a long comment ", count: 8)
        lesson.practice!.questions[0].code = long
        var s = State(lessons: [lesson], size: Self.wide)
        _ = s.openLesson(at: 0)
        _ = s.open(.practice, lessonIndex: 0, task: 0)
        let lines = Renderer.render(s).lines
        #expect(lines.contains { $0.contains(long.trimmingCharacters(in: .whitespaces)) })
    }

    @Test func theMenuIsAnEightyColumnMenuInTheMiddle() {
        let buffer = Renderer.render(State(lessons: [ScreenSnapshotTests.seed], size: Self.wide))
        let row = buffer.lines[4]
        #expect(Self.leftMargin(row) == 61)
        #expect(DisplayWidth.of(row) <= 61 + 80)
    }

    @Test func theVisualizerPutsThePanelBesideTheStepsFrom140Columns() throws {
        let section = VisualizerSnapshotTests.section(.RNN)
        let narrow = Renderer.render(VisualizerSnapshotTests.state(section, size: Size(width: 139, height: 40), keys: [.right, .right]))
        let beside = Renderer.render(VisualizerSnapshotTests.state(section, size: Size(width: 140, height: 40), keys: [.right, .right]))
        func panelRow(_ b: CellBuffer) -> Int? { b.lines.firstIndex { $0.contains("L0 → t=2: h_t = tanh") } }
        func gridRow(_ b: CellBuffer) -> Int? { b.lines.firstIndex { $0.contains("h_0 ──→") } }
        let narrowPanel = try #require(panelRow(narrow)), narrowGrid = try #require(gridRow(narrow))
        let besidePanel = try #require(panelRow(beside)), besideGrid = try #require(gridRow(beside))
        #expect(narrowPanel > narrowGrid)
        #expect(besidePanel < besideGrid)
        #expect(beside.lines[besidePanel].contains("│ L0 → t=2"))
        let buffer = Renderer.render(VisualizerSnapshotTests.state(section, size: Self.wide, keys: [.right, .right, .right]))
        Snapshot.assertMatches(buffer, named: "vis-rnn-step3-200x60")
    }

    @Test func aWideVisualizerShowsMoreTimeSteps() {
        var section = VisualizerSnapshotTests.section(.RNN)
        section.inputShape = [20, 2]
        section.input = (0..<40).map { Double($0 % 5) / 5 - 0.4 }
        func columns(_ size: Size) -> Int {
            let text = Renderer.render(VisualizerSnapshotTests.state(section, size: size, keys: [.right])).lines[2]
            return text.components(separatedBy: "t=").count - 1
        }
        #expect(columns(Size(width: 80, height: 24)) == 4)
        #expect(columns(Self.wide) == 7)
        #expect(columns(Size(width: 139, height: 40)) == 7)
        let buffer = Renderer.render(VisualizerSnapshotTests.state(section, size: Self.wide, keys: [.end]))
        Snapshot.assertMatches(buffer, named: "vis-rnn-seq20-last-200x60")
    }

    /// Every kind of screen, in each of its states, at 80×24: the footer (the keys row in screen-reader
    /// mode) ends with the way back.
    @Test(arguments: [Settings(), Settings(screenReader: true), Settings(ascii: true)])
    func everyFooterAt80ColumnsEndsWithItsBackKey(settings: Settings) {
        let backKeys = ["q back", "Esc back", "q quit", "Esc put back"]
        // Outside screen-reader mode a status sentence takes the footer's place while it is there.
        // Lesson 1's screens, then main's review session, due counts and overview (ReaderReviewRenderTests).
        let screens = ScreenReaderRenderTests.walk(size: Size(width: 80, height: 24), settings: settings) + ReaderReviewRenderTests.walk(settings)
        for (name, state) in screens
        where !state.showsHelp && (settings.screenReader || state.note == nil && state.status == nil) {
            let lines = Renderer.render(state).lines
            let footer = lines[settings.screenReader ? 22 : 23]
            #expect(backKeys.contains { footer.hasSuffix($0) }, "\(name): \(footer)")
            #expect(DisplayWidth.of(footer) < 80, "\(name): \(footer)")
        }
    }

    @Test func theFooterDropsWholeHintsLeastNeededFirstAndTheWayBackNever() {
        let hints = "Tab blank · a-d place · ←→ Space drag · Enter check · h hint · ? help · q back"
        #expect(Chrome.fitted(hints, to: 79) == hints)
        #expect(Chrome.fitted(hints, to: 60) == "Tab blank · a-d place · ←→ Space drag · ? help · q back")
        #expect(Chrome.fitted(hints, to: 30) == "Tab blank · ? help · q back")
        #expect(Chrome.fitted(hints, to: 20) == "? help · q back")
        #expect(Chrome.fitted(hints, to: 6) == "q back")
        #expect(Chrome.fitted(hints, to: 4) == "q b…")
    }

    @Test func aStatusLineTooLongIsCutAtAWord() {
        #expect(Chrome.cutAtWord("Blank 2 of 3, empty. Options: A len(word), B word", to: 40) == "Blank 2 of 3, empty. Options: A…")
        #expect(Chrome.cutAtWord("short", to: 40) == "short")
    }

    @Test func everyMarkInTheLessonsAndScreensHasAnASCIIFormThatReadsTheSame() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var files = try FileManager.default.contentsOfDirectory(at: root.appendingPathComponent("Lessons"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
        for folder in ["Sources/TutorRender", "Sources/TutorCore"] {
            files += try FileManager.default.contentsOfDirectory(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
        }
        var marks = Set<String>()
        for file in files {
            for c in try String(contentsOf: file, encoding: .utf8) where !c.isASCII { marks.insert(String(c)) }
        }
        let missing = marks.filter { CellBuffer.asciiStandIns[$0] == nil }.sorted()
        #expect(missing.isEmpty, "no ASCII form for: \(missing.joined(separator: " "))")
        var buffer = CellBuffer(width: 40, height: 1)
        buffer.put("tanh(a) ≈ ±1 once |a| ≥ 9; σ(0)", x: 0, y: 0)
        buffer.asciify()
        #expect(buffer.lines == ["tanh(a) ~ +-1 once |a| >= 9; sigmoid(0)"])
    }
}
