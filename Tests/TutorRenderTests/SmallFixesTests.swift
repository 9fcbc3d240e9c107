import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// The smaller list of issue 16, each with a test that would fail without its fix.
@Suite struct SmallFixesTests {
    func state(_ mode: Mode, task: Int = 0, size: Size = Size(width: 80, height: 24), keys: [Key] = []) -> State {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: size)
        _ = state.openLesson(at: 0)
        _ = state.open(mode, lessonIndex: 0, task: task)
        for key in keys { _ = state.update(.key(key)) }
        return state
    }

    @Test func asciiDrawsAProductDotAsAStarAndASeparatorAsADash() {
        var buffer = CellBuffer(width: 30, height: 1)
        buffer.put("W_ih·x_t · step", x: 0, y: 0)
        buffer.asciify()
        #expect(buffer.lines == ["W_ih*x_t - step"])
        var state = VisualizerSnapshotTests.state(VisualizerSnapshotTests.section(.RNN), size: Size(width: 80, height: 24), keys: [.right])
        state.settings = Settings(ascii: true)
        #expect(Renderer.render(state).text.contains("W_ih*x_t + b_ih + W_hh*h_{t-1} + b_hh"))
    }

    @Test func theFocusedBlankIsNotMarkedWithAngleBrackets() {
        let text = Renderer.render(state(.try, task: 4, keys: [.char("a"), .char("b"), .char("3"), .char("c")])).text
        #expect(text.contains("len(word) ▸>◂ 4}"))
        #expect(!text.contains(">><"))
        var ascii = state(.try, task: 4, keys: [.char("a"), .char("b"), .char("3"), .char("c")])
        ascii.settings = Settings(ascii: true)
        #expect(Renderer.render(ascii).text.contains("len(word) |>| 4}"))
    }

    @Test func theFooterNamesTheOptionLettersThereAre() {
        var lesson = ScreenSnapshotTests.seed
        lesson.tryIt!.tasks[0].options += [Option(letter: "E", text: "3"), Option(letter: "F", text: "4")]
        var s = State(lessons: [lesson], size: Size(width: 80, height: 24))
        _ = s.openLesson(at: 0)
        _ = s.open(.try, lessonIndex: 0, task: 0)
        #expect(Renderer.render(s).text.contains("a-f place"))
        #expect(s.screen.help.contains { $0.keys == "a-f" })
    }

    @Test func everyFooterAt80ColumnsEndsWithItsBackKey() {
        var screens: [State] = [state(.try), state(.practice), state(.test), state(.review), state(.challenge), state(.intro),
                                state(.playground), state(.visualize), state(.try, task: 4, keys: [.char("n")])]
        var chooser = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        _ = chooser.openLesson(at: 0)
        screens.append(chooser)
        var overview = chooser
        _ = overview.update(.key(.char("o")))
        screens.append(overview)
        for s in screens {
            let footer = Renderer.render(s).lines.last ?? ""
            let trimmed = footer.trimmingCharacters(in: .whitespaces)
            #expect(trimmed.hasSuffix("q back") || trimmed.hasSuffix("Esc back"), "\(footer)")
        }
        #expect(Chrome.fitted("a · b · c · ? help · q back", to: 20) == "a · ? help · q back")
    }

    @Test func aPanelCutsNumbersWholeWithAnEllipsis() {
        let spans = [Span("h = ["), Span("+0.1234"), Span(" -0.5678"), Span(" +0.9999"), Span("]")]
        let fitted = VisualizerView.fitted(spans, width: 20, ellipsis: "…")
        #expect(fitted.map(\.text) == ["h = [", "+0.1234", "…"])
        #expect(VisualizerView.fitted(spans, width: 40, ellipsis: "…") == spans)
    }

    @Test func proseKeepsAReadableMeasureOnAWideScreen() {
        let text = Renderer.render(state(.why, size: Size(width: 120, height: 40))).lines
        let prose = text.filter { $0.contains("hidden state") && !$0.contains("│") }
        #expect(!prose.isEmpty)
        #expect(prose.allSatisfy { $0.trimmingCharacters(in: .whitespaces).count <= Doc.measure })
    }

    @Test func homeAndEndScrollThePracticeSolution() {
        var s = state(.practice, task: 2, keys: [.char("a"), .enter])
        _ = s.update(.layout(scrollLimit: 30))
        _ = s.update(.key(.end))
        guard case .choice(let end) = s.screen else { Issue.record("not practice"); return }
        #expect(end.scroll == 30)
        _ = s.update(.key(.home))
        guard case .choice(let home) = s.screen else { Issue.record("not practice"); return }
        #expect(home.scroll == 0)
    }

    @Test func aWrongChallengeChoiceIsCrossedOut() {
        var s = state(.challenge, keys: [.char("a"), .enter])
        let text = Renderer.render(s).text
        #expect(text.contains("✗ A. (7, 3, 6) (tried: wrong)"))
        #expect(text.contains("› B. (2, 3, 6)"))   // the cursor moved off the wrong one
        _ = s.update(.key(.char("a")))
        #expect(Renderer.render(s).text.contains("› A. (7, 3, 6) (tried: wrong)"))
    }

    @Test func thePlaygroundKeepsEditsAcrossSnippetsAndMarksStaleOutput() {
        var s = state(.playground, keys: [.end, .char("#")])
        _ = s.update(.key(.ctrl("n")))
        _ = s.update(.key(.ctrl("p")))
        guard case .playground(let back) = s.screen else { Issue.record("not the playground"); return }
        #expect(back.lines[0].hasSuffix("#"))
        _ = s.update(.key(.ctrl("r")))
        _ = s.update(.snippetRan(output: "done\n", failed: false))
        #expect(!Renderer.render(s).text.contains("before your edit"))
        _ = s.update(.key(.char("x")))
        #expect(Renderer.render(s).text.contains("of the code before your edit; Ctrl-R runs it again"))
    }

    @Test func aTypedOptionSaysWhereItWentAndWhereTheNextKeyGoes() {
        let s = state(.try, task: 3, keys: [.char("a")])
        #expect(s.note == "A is in [1]; the next key goes to [2].")
        let moved = state(.try, task: 3, keys: [.char("a"), .char("a")])
        #expect(moved.note == "A is in [2] (moved from [1]); the next key goes to [1].")
        // A note never covers a notice (a save that failed, a file migrated).
        var noticed = state(.try, task: 3)
        _ = noticed.update(.notice("Progress file updated to format 2."))
        _ = noticed.update(.key(.char("a")))
        #expect(Renderer.render(noticed).lines.last?.hasPrefix("Progress file updated to format 2.") == true)
    }
}
