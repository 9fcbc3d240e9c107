import Foundation
import Testing
@testable import TutorCore

/// `r` after a missed task: a new series of attempts, the first miss kept.
@Suite struct ProgressRetryTests {
    let t = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aRetryStartsANewSeriesAndKeepsTheMiss() throws {
        var p = LearnerProgress()
        p.apply(.attempt(lesson: "L", item: "a", correct: false, at: t))
        p.apply(.missed(lesson: "L", item: "a", at: t))
        p.apply(.retried(lesson: "L", item: "a", at: t.addingTimeInterval(5)))
        p.apply(.attempt(lesson: "L", item: "a", correct: true, at: t.addingTimeInterval(9)))
        let item = try #require(p.item(lesson: "L", item: "a"))
        #expect(item.retries == 1 && item.missed && item.solved && item.rightAtFirstTry == false && item.attemptsUsed == 2)
        #expect(item.status == .solved)
        // Written only when not 0, read back exactly, and merged as the larger count.
        #expect(String(decoding: p.encoded(), as: UTF8.self).contains("\"retries\" : 1"))
        #expect(try LearnerProgress.decode(p.encoded()) == p)
        var fresh = LearnerProgress()
        fresh.apply(.attempt(lesson: "L", item: "a", correct: true, at: t))
        #expect(!String(decoding: fresh.encoded(), as: UTF8.self).contains("retries"))
        #expect(fresh.merging(p).item(lesson: "L", item: "a")?.retries == 1)
    }
}
