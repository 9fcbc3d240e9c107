import Foundation
import Testing
@testable import TutorCore

/// What issue 22's review asked of the whole course, checked on the lessons as shipped.
@Suite struct CourseContentTests {
    static let lessons: [Lesson] = {
        let folder = LessonSeedTests.lessonsFolder
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") && $0 != "course.yaml" }.sorted().compactMap { name in
            let url = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
            return LessonDecoder.decodeLesson(yaml: text, file: name).lesson
        }
    }()

    @Test func allTenLessonsLoad() {
        #expect(Self.lessons.count == 10)
    }

    /// The seed page's "[OK]" ticks were copied into every lesson; a learner read them as part of the text.
    @Test func noOKLeftoversInHintsOrChecks() {
        for lesson in Self.lessons {
            for item in lesson.gradableItems {
                switch item {
                case .fill(let task):
                    #expect(!task.hint.contains("[OK]"), "\(lesson.id) \(task.id)")
                case .choice(let question):
                    #expect(![question.hint, question.quickCheck, question.finalAnswer].contains { $0.contains("[OK]") },
                            "\(lesson.id) \(question.id)")
                }
            }
        }
    }

    /// Truncated BPTT: a graded task asks for exactly h.detach(), and the wrong options are torch's errors.
    @Test func lessonSixTestsTheDetachBetweenChunks() throws {
        let lesson = try #require(Self.lessons.first { $0.id == "why-long-sequences-are-hard" })
        let task = try #require(lesson.tryIt?.tasks.first { $0.id == "try-detach" })
        #expect(task.code.contains("h = h.[1]()"))
        #expect(task.option(task.answers[1]!)?.text == "detach")
        #expect(lesson.test?.itemIDs.contains("try-detach") == true)
        // Every truncated-BPTT loop that calls backward() detaches h after it.
        for t in lesson.tryIt!.tasks where t.code.contains("backward()") && t.id != "try-detach" {
            #expect(t.code.contains("h = h.detach()"), "\(t.id)")
        }
    }

    /// Training on a stream: every graded loop that calls backward() once per chunk detaches the state after it,
    /// and the test asks for both forms (a GRU's h.detach(), an LSTM's pair).
    @Test func lessonNineDetachesTheStateOfEveryChunkLoop() throws {
        let lesson = try #require(Self.lessons.first { $0.id == "training-on-long-streams" })
        let tasks = lesson.tryIt?.tasks ?? []
        for t in tasks where t.code.contains("for t in range(") && t.code.contains("backward()") {
            let answered = t.code(filling: t.answers)
            #expect(answered.contains("h = h.detach()") || answered.contains("hidden = tuple(v.detach() for v in hidden)"), "\(t.id)")
        }
        #expect(lesson.test?.itemIDs.contains("try-detach-gru") == true)
        #expect(lesson.test?.itemIDs.contains("try-repackage") == true)
        let clip = try #require(tasks.first { $0.id == "try-clip-in-loop" })
        #expect([1, 2, 3].map { clip.option(clip.answers[$0]!)?.text } == [
            "loss.backward()", "torch.nn.utils.clip_grad_norm_(params, 0.25)", "optimizer.step()",
        ])
    }

    /// Sampling draws from MiniPy's own generator: the lesson says so where it samples, and no claim about a
    /// program that samples prints a tensor's values (only shapes, dtypes and errors), so no claim depends on
    /// which word a draw gives.
    @Test func lessonTenSaysSamplingIsMiniPysOwnGenerator() throws {
        let lesson = try #require(Self.lessons.first { $0.id == "generating-text" })
        let deep = lesson.deep?.blocks ?? []
        let index = try #require(deep.firstIndex(of: .heading("Sampling in Unroll")))
        guard case .text(let text) = deep[index + 1] else { Issue.record("no text under the heading"); return }
        #expect(text.contains("MiniPy, whose random generator is its own"))
        #expect(lesson.playground?.snippets.contains { $0.title == "Sampling (MiniPy's own generator)" } == true)
        var sampling = 0
        for c in LessonRunCheck.cases(lesson) where !c.isSnippet && (c.code + c.prelude + c.then).contains("multinomial") {
            sampling += 1
            if case .prints(let p)? = c.expect { #expect(!p.contains("tensor("), "\(c.itemID) \(c.label)") }
        }
        #expect(sampling > 0)
    }
}
