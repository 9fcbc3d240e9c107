import Foundation
import Testing
import TutorCore
@testable import TutorRender

/// The status line says the whole sentence, and what the program says at its start is seen.
@Suite struct StatusLineTests {
    static let unreadable = "Could not read the progress file (/home/learner/.local/share/unroll/progress.json: Is a directory); progress is not being saved."

    /// The rendered screen's rows, trailing spaces dropped, as one string with the rows joined by spaces.
    static func joined(_ state: State) -> String {
        Renderer.render(state).text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    @Test func aStatusWiderThanTheRowIsWrappedAtWordsNotCut() {
        for width in [60, 80, 120] {
            var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: width, height: 24))
            state.status = Self.unreadable
            let text = Renderer.render(state).text
            #expect(Self.joined(state).contains("progress is not being saved."), "\(width) columns:\n\(text)")
            #expect(!Renderer.render(state).lines.suffix(3).joined().contains("…"))
            // The menu's lines above the status are not drawn over: the first lesson is still there.
            #expect(text.contains("Why RNNs"))
        }
    }

    @Test func aStatusTooLongForFourRowsEndsAtAWordWithAnEllipsis() {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 40, height: 12))
        state.status = String(repeating: "every word counts here ", count: 20) + "END"
        let lines = Renderer.render(state).lines
        #expect(lines.suffix(4).allSatisfy { $0.contains("every") })
        #expect(lines.last?.trimmingCharacters(in: .whitespaces).hasSuffix("…") == true)
        #expect(!lines.joined().contains("END"))
    }

    /// The smallest window with the longest status: every screen still draws, the status whole at the
    /// bottom, the title on top.
    @Test func everyScreenDrawsUnderAFourRowStatusAtTheSmallestSize() {
        let size = Size(width: 40, height: 12)
        let screens = ScreenReaderRenderTests.walk(size: size, settings: Settings()) + ReaderReviewRenderTests.walk(Settings(), size: size)
        #expect(screens.count > 10)
        for (name, var state) in screens where !state.showsHelp {
            state.status = String(repeating: "a status of many words ", count: 8)
            let lines = Renderer.render(state).lines
            #expect(lines.count == 12 && lines[0].hasPrefix(" Unroll"), "\(name)")
            #expect(lines.suffix(4).allSatisfy { $0.contains("status") }, "\(name)\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test func aShortStatusStillTakesTheOneFooterRow() {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        state.status = "Saved."
        let lines = Renderer.render(state).lines
        #expect(lines.last?.hasPrefix("Saved.") == true)
        #expect(lines.filter { $0.contains("Saved.") }.count == 1)
    }

    /// `unroll LESSON --mode M` with a progress file that cannot be read: the sentence that says saving
    /// fails was set before the start and was cleared by opening the chooser, so the learner worked a
    /// whole session unaware that nothing was saved.
    @Test func openingALessonDirectlyKeepsTheStartupStatus() {
        for mode in [Mode?.none, .try, .practice, .playground, .visualize] {
            var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
            state.status = Self.unreadable
            _ = state.start(lessonIndex: 0, mode: mode, task: 0)
            #expect(Self.joined(state).contains("progress is not being saved."), "\(String(describing: mode))")
        }
    }

    @Test func enterOnTheMenuStillClearsAStatusAlreadySeen() {
        var state = State(lessons: [ScreenSnapshotTests.seed], size: Size(width: 80, height: 24))
        state.status = "Progress is being saved again."
        _ = state.update(.key(.enter))
        #expect(state.status == nil)
    }
}
