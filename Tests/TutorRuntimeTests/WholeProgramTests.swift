import Foundation
import Terminal
import Testing
import TutorCore
import TutorRuntime
import TutorStore

/// The whole program — update, render, effects, the progress file — driven through an in-memory
/// terminal, as a learner would drive it.
@Suite struct WholeProgramTests {
    static let lessons = LessonLibrary.loadCourse(folder: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lessons")).lessons

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-runtime-\(UUID().uuidString)")
    var progressPath: URL { folder.appendingPathComponent("progress.json") }

    func run(_ events: [TerminalEvent], store: ProgressStore?, size: Size = Size(width: 80, height: 24)) -> (status: Int32, terminal: MemoryTerminal) {
        let terminal = MemoryTerminal(size: size, events: events)
        var runtime = Runtime(state: State(lessons: Self.lessons, size: size), terminal: terminal, store: store)
        return (runtime.run(), terminal)
    }

    /// Menu → lesson → the Try mode (fourth in the chooser) → task 1.
    let openTask1: [TerminalEvent] = [.key(.enter), .key(.down), .key(.down), .key(.down), .key(.enter)]

    @Test func solvingTask1IsShownAndSaved() throws {
        let (status, terminal) = run(openTask1 + [.key(.char("a")), .key(.enter)], store: ProgressStore(path: progressPath))
        #expect(status == 0)
        #expect(terminal.stopped)
        #expect(terminal.frames.last?.text.contains("✓ Correct! Press n for the next task.") == true)
        guard case .loaded(let progress) = ProgressStore.read(at: progressPath) else {
            Issue.record("no progress file at \(progressPath.path)"); return
        }
        let lesson = Self.lessons[0]
        #expect(progress.status(lesson: lesson.id, item: lesson.tryIt!.tasks[0].id) == .solved)
        #expect(progress.resumePoint?.mode == "try")
    }

    @Test func theInjectedClockDatesTheSavedAnswer() throws {
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24), events: openTask1 + [.key(.char("a")), .key(.enter)])
        var runtime = Runtime(state: State(lessons: Self.lessons, size: terminal.size), terminal: terminal,
                              store: ProgressStore(path: progressPath, learner: "Ada"))
        let start = Date(timeIntervalSince1970: 1_796_288_400)   // 2026-12-03T09:00:00Z
        runtime.clock = Clock(startingAt: start)
        #expect(runtime.run() == 0)
        guard case .loaded(let progress) = ProgressStore.read(at: progressPath) else { Issue.record("no progress file"); return }
        let lesson = Self.lessons[0]
        let answer = try #require(progress.item(lesson: lesson.id, item: lesson.tryIt!.tasks[0].id)?.history.first)
        #expect(answer.at >= start && answer.at.timeIntervalSince(start) < 60)
        #expect(answer.chosen == ["A"] && answer.grade == .good && answer.mode == .try)
        #expect(progress.learner == "Ada")
    }

    @Test func withoutAStoreNothingIsWritten() {
        let (status, _) = run(openTask1 + [.key(.char("a")), .key(.enter)], store: nil)
        #expect(status == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func qFromTheMenuQuitsAndSignalsExitWith128PlusTheSignal() {
        let quit = run([.key(.char("q"))], store: nil)
        #expect(quit.status == 0 && quit.terminal.stopped)
        let term = run([.key(.down), .signal(15)], store: nil)
        #expect(term.status == 143 && term.terminal.stopped)
    }

    @Test func aMouseClickReachesUpdateAsTheThingUnderThePointer() {
        // Row 5 is the second lesson in the first frame; a second click opens it.
        let (_, terminal) = run([.mouse(.press, column: 8, row: 5), .mouse(.press, column: 8, row: 5)], store: nil)
        let last = terminal.frames.last?.text ?? ""
        #expect(last.contains("Choose your learning style"))
        #expect(last.contains(Self.lessons[1].title))
    }

    @Test func resizingBelowTheMinimumAndBackRedrawsTheScreen() {
        let (_, terminal) = run(openTask1 + [.resize(Size(width: 30, height: 8)), .resize(Size(width: 80, height: 24))], store: nil)
        let texts = terminal.frames.map(\.text)
        #expect(texts.dropLast().last?.contains("Make the window larger") == true)
        #expect(texts.last?.contains("Task 1/5") == true)
    }

    @Test func scrollingStopsAtTheEndTheRendererMeasured() {
        // Practice question 3, answered: its solution is longer than the screen.
        let events: [TerminalEvent] = [.key(.enter), .key(.down), .key(.down), .key(.down), .key(.down), .key(.enter),
                                       .key(.char("n")), .key(.char("n")), .key(.char("a")), .key(.enter)]
            + Array(repeating: .key(.pageDown), count: 20) + [.key(.pageUp)]
        let (_, terminal) = run(events, store: nil)
        let frames = terminal.frames.map(\.text)
        // One PgUp after many PgDns moves the view at once: the scroll had stopped at the end.
        #expect(frames[frames.count - 1] != frames[frames.count - 2])
        #expect(frames[frames.count - 2].contains("Common Mistakes:"))
    }

    @Test func aTestSessionSavesExactlyTheProgressItHolds() throws {
        // Menu → lesson → Test (ninth in the chooser); answer every question with `a` and Enter (the
        // fill tasks take `a` in each blank; the blanks after the first are left for Enter to refuse).
        var events: [TerminalEvent] = [.key(.enter)] + Array(repeating: .key(.down), count: 8) + [.key(.enter)]
        for _ in 0..<10 { events += [.key(.char("a")), .key(.char("b")), .key(.char("c")), .key(.enter)] }
        events += [.key(.char("q"))]
        let store = ProgressStore(path: progressPath)
        let terminal = MemoryTerminal(size: Size(width: 80, height: 24), events: events)
        var runtime = Runtime(state: State(lessons: Self.lessons, size: Size(width: 80, height: 24)), terminal: terminal, store: store)
        // What update left in memory, before the runtime saved it (and re-read the file).
        final class Holder: @unchecked Sendable { var progress = LearnerProgress() }
        let held = Holder()
        runtime.afterUpdate = { held.progress = $0.progress }
        #expect(runtime.run() == 0)
        #expect(terminal.frames.contains { $0.text.contains("Score:") })
        guard case .loaded(let saved) = ProgressStore.read(at: progressPath) else {
            Issue.record("no progress file"); return
        }
        #expect(saved == held.progress)
        let lesson = Self.lessons[0]
        for item in lesson.testItems {
            #expect(saved.item(lesson: lesson.id, item: item.id)?.attemptsUsed == 1, "\(item.id)")
        }
    }
}
