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

    @Test func allEightLessonsLoad() {
        #expect(Self.lessons.count == 8)
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
}
