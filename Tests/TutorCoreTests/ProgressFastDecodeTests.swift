import Foundation
import Testing
@testable import TutorCore

/// The fast reader of progress files must give what `JSONDecoder` gives, or step aside.
@Suite struct ProgressFastDecodeTests {
    /// A progress file with a bit of everything, from a seeded generator.
    static func sample(seed: UInt64) -> LearnerProgress {
        var rng = SplitMix(state: seed)
        var p = LearnerProgress(learner: seed % 3 == 0 ? nil : "learner \(seed) ✓ \u{1B}")
        for l in 0 ..< Int(rng.next() % 4) {
            for i in 0 ..< Int(rng.next() % 6) {
                let at = Date(timeIntervalSince1970: 1_796_288_400 + Double(rng.next() % 1_000_000))
                let blanks = Int(rng.next() % 3) + 1
                let chosen: [String?] = (0 ..< blanks).map { _ in rng.next() % 5 == 0 ? nil : ["A", "B", "C", "D"][Int(rng.next() % 4)] }
                let right = rng.next() % 2 == 0
                let answer = Answer(at: at, mode: [.try, .practice, .challenge, .test][Int(rng.next() % 4)], chosen: chosen,
                                    wrongBlanks: right ? [] : [1], correct: right, attempt: Int(rng.next() % 3) + 1,
                                    seconds: rng.next() % 4 == 0 ? nil : Int(rng.next() % 300), grade: right ? .good : (rng.next() % 2 == 0 ? .again : nil),
                                    timedOut: rng.next() % 7 == 0)
                p.apply(.attempt(lesson: "lesson-\(l) ü", item: "item \(i) \"q\"", answer: answer))
                if !right, rng.next() % 2 == 0 { p.apply(.missed(lesson: "lesson-\(l) ü", item: "item \(i) \"q\"", at: at)) }
                if rng.next() % 3 == 0 { p.apply(.reviewed(lesson: "lesson-\(l) ü", item: "card\(i)", grade: .hard, seconds: nil, at: at)) }
                if rng.next() % 5 == 0 { p.apply(.hintSeen(lesson: "lesson-\(l) ü", item: "item \(i) \"q\"", at: at)) }
            }
            if rng.next() % 2 == 0 { p.apply(.testScore(lesson: "lesson-\(l) ü", score: 3, total: 5, at: Date(timeIntervalSince1970: 1_796_288_400))) }
        }
        if seed % 2 == 0 { p.apply(.leftOff(lesson: "lesson-0 ü", mode: "try", task: "t1", at: Date(timeIntervalSince1970: 1_796_288_400))) }
        return p
    }

    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func filesAsTheTutorWritesThemReadTheSameBothWays() throws {
        for seed in 0 ..< 200 as Range<UInt64> {
            let data = Self.sample(seed: seed).encoded()
            let fast = try #require(LearnerProgress.fastDecode(data), "seed \(seed): the fast path stepped aside")
            #expect(fast == (try LearnerProgress.codableDecode(data)), "seed \(seed)")
        }
    }

    @Test(arguments: [
        #"{"format_version": 2, "learner": "\ud83d\ude00 \u00e9\n", "lessons": null, "resume": null}"#,
        #"{"format_version":1,"lessons":{"L":{"items":{"t":{"attempts_used":2,"solved":true,"right_at_first_try":null,"last_at":"2026-12-01T08:00:00Z"}}}}}"#,
        #"{"format_version": 2, "lessons": {"L": {"items": {"a": {"history": [{"at": "2025-01-01T00:00:00Z", "mode": "try", "chosen": [null, "B"], "grade": null, "seconds": null}]}}, "tests": null}}}"#,
        #"  {"lessons": {}, "format_version": 2}  "#,
    ])
    func unusualButValidFilesAgree(json: String) throws {
        let data = Data(json.utf8)
        #expect(LearnerProgress.fastDecode(data) != nil)
        #expect(try LearnerProgress.decode(data) == (try LearnerProgress.codableDecode(data)))   // format 1 migrated by both
    }

    @Test(arguments: [
        #"{"format_version": 2, "lessons": {}, "extra": 1}"#,                       // an unknown key: JSONDecoder ignores it
        #"{"format_version": 2, "format_version": 2}"#,                              // a repeated key
        #"{"format_version": 3}"#,                                                   // newer: the error names it
        #"{"format_version": 2, "lessons": {"L": {"tests": [{"score": 1, "total": 2, "at": "2025-01-01T00:00:00+01:00"}]}}}"#,  // another date form
        #"{"format_version": 2.0}"#,
        #"{"format_version": 2, "lessons": {"L": {"items": {"a": {"attempts_used": -1}}}}}"#,
        "\u{FEFF}{\"format_version\": 2}",
    ])
    func anythingElseIsLeftToJSONDecoder(json: String) {
        #expect(LearnerProgress.fastDecode(Data(json.utf8)) == nil)
    }

    /// Every one-byte change to a real file: whenever the fast path accepts the result, JSONDecoder
    /// accepts it too and reads the same progress.
    @Test func theFastPathNeverAcceptsWhatJSONDecoderWouldNot() throws {
        let base = Array(Self.sample(seed: 7).encoded())
        var accepted = 0
        for position in stride(from: 0, to: base.count, by: 3) {
            for replacement in [UInt8(ascii: "0"), UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "x"), 0x5C, 0x00] {
                var bytes = base
                bytes[position] = replacement
                let data = Data(bytes)
                guard let fast = LearnerProgress.fastDecode(data) else { continue }
                accepted += 1
                #expect(fast == (try? LearnerProgress.codableDecode(data)), "byte \(position) → \(replacement)")
            }
        }
        #expect(accepted > 0)
    }
}
