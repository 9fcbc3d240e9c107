import Foundation
import Testing
@testable import TutorCore

/// FSRS-6 against examples worked from its published formulas and default parameters w0…w20.
/// The expected numbers were computed by hand from the formulas (in a throwaway Python session) and
/// agree to 1e-12 with py-fsrs 6.3.1 run with no learning steps and no fuzz (neither is committed).
@Suite struct FSRSWorkedExampleTests {
    let fsrs = FSRS()
    let utc = TimeZone(identifier: "UTC")!

    /// 2026-12-03T09:00:00Z plus `days`.
    func day(_ days: Int) -> Date { Date(timeIntervalSince1970: 1_796_288_400 + Double(days) * 86_400) }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }

    @Test func firstReviewTakesTheInitialStabilityAndDifficulty() {
        // S0(G) = w[G−1]; D0(G) = w4 − e^(w5·(G−1)) + 1, clamped to 1…10.
        // Good: D0 = 6.4133 − e^(0.8334·2) + 1 = 6.4133 − 5.295196… + 1 = 2.118104.
        // Easy: 6.4133 − e^(0.8334·3) + 1 = −4.7716 → clamped to 1.
        let expected: [(Grade, Double, Double)] = [
            (.again, 0.212, 6.4133), (.hard, 1.2931, 5.112170705601055), (.good, 2.3065, 2.118103970459015), (.easy, 8.2956, 1),
        ]
        for (grade, s, d) in expected {
            let m = fsrs.initial(grade)
            #expect(close(m.stability, s) && close(m.difficulty, d), "\(grade): \(m)")
        }
        // I(0.9, S) = S/factor · (0.9^(1/decay) − 1) = S (factor is chosen so), rounded, at least 1 day.
        #expect(FSRS.defaultParameters.count == 21)
        #expect([0.212, 1.2931, 2.3065, 8.2956].map { fsrs.interval(stability: $0) } == [1, 1, 2, 8])
    }

    @Test func goodOnTheDueDay() {
        // Good on day 0 (S 2.3065, D 2.118104, due day 2), Good again on day 2:
        //   factor = 0.9^(−1/0.1542) − 1 = 0.980346
        //   R(2, 2.3065) = (1 + 0.980346·2/2.3065)^(−0.1542) = 1.850073^(−0.1542) = 0.909493
        //   S' = S·(1 + e^w8 · (11 − D) · S^(−w9) · (e^(w10·(1−R)) − 1))
        //      = 2.3065·(1 + 6.502586 · 8.881896 · 0.870025 · 0.074702) = 2.3065·(1 + 3.753667) = 10.964332
        //   D' = D + (−w6·0)… = D, then mean reversion 0.001·D0(Easy) + 0.999·D = 0.001·(−4.771631) + 0.999·2.118104 = 2.111214
        //   interval = round(10.964332) = 11 → due day 13.
        let s = fsrs.schedule([
            Answer(at: day(0), mode: .try, correct: true, attempt: 1, grade: .good),
            Answer(at: day(2), mode: .review, grade: .good),
        ], timeZone: utc)!
        #expect(close(fsrs.retrievability(elapsedDays: 2, stability: 2.3065), 0.9094932559773545))
        #expect(close(s.memory.stability, 10.964332335820703))
        #expect(close(s.memory.difficulty, 2.1112142357853942))
        #expect(s.intervalDays == 11)
        #expect(s.due == CalendarDay(day(13), in: utc))
        #expect(s.due.description == "2026-12-16")
        #expect(s.reviews == 2 && s.lapses == 0)
    }

    @Test func againAfterElevenDaysIsALapse() {
        // …then Again on day 13 (t = 11): R = (1 + 0.980346·11/10.964332)^(−0.1542) = 0.899777
        //   long-term S'f = w11 · D^(−w12) · ((S+1)^w13 − 1) · e^(w14·(1−R))
        //                 = 1.4835 · 0.955155 · 0.920334 · 1.179627 = 1.538337
        //   short-term cap S / e^(w17·w18) = 10.964332 / 1.050720 = 10.435062; S' = min = 1.538337
        //   D' = 2.111214 + 6.0388·7.888786/9 = 7.404414; reverted 0.001·(−4.771631) + 0.999·7.404414 = 7.392238
        //   interval = round(1.538337) = 2 → due day 15.
        let s = fsrs.schedule([
            Answer(at: day(0), mode: .try, correct: true, attempt: 1, grade: .good),
            Answer(at: day(2), mode: .review, grade: .good),
            Answer(at: day(13), mode: .review, grade: .again),
        ], timeZone: utc)!
        #expect(close(s.memory.stability, 1.5383372358832696))
        #expect(close(s.memory.difficulty, 7.392238132342694))
        #expect(s.intervalDays == 2)
        #expect(s.due == CalendarDay(day(15), in: utc))
        #expect(s.lapses == 1 && s.reviewMisses == 1 && !s.isLeech)
    }

    @Test func hardAndEasyOnDayThree() {
        // From Good on day 0, on day 3: R(3, 2.3065) = 0.870…; Hard multiplies the increase by w15 = 0.6014,
        // Easy by w16 = 1.8729. Hard: S 9.234871, D 4.752858 (interval 9); Easy: S 23.883064, D clamped to 1 (24).
        let good = Answer(at: day(0), mode: .try, correct: true, attempt: 1, grade: .good)
        let hard = fsrs.schedule([good, Answer(at: day(3), mode: .review, grade: .hard)], timeZone: utc)!
        let easy = fsrs.schedule([good, Answer(at: day(3), mode: .review, grade: .easy)], timeZone: utc)!
        #expect(close(hard.memory.stability, 9.234870781784839) && close(hard.memory.difficulty, 4.752858488532556))
        #expect(close(easy.memory.stability, 23.883064079156675) && easy.memory.difficulty == 1)
        #expect(hard.intervalDays == 9 && easy.intervalDays == 24)
    }

    @Test func theSameDayUsesTheShortTermFormula() {
        // Missed in try (Again, S 0.212, D 6.4133), then right the same day in practice (Good, t = 0):
        //   S' = S · e^(w17·(G − 3 + w18)) · S^(−w19) = 0.212 · 1.050720 · 1.107458 = 0.212 · 1.163628 = 0.246689
        //   D' = 6.4133 (G = 3 moves nothing) reverted: 0.001·(−4.771631) + 0.999·6.4133 = 6.402115
        let s = fsrs.schedule([
            Answer(at: day(0), mode: .try, correct: false, attempt: 3, grade: .again),
            Answer(at: day(0).addingTimeInterval(600), mode: .practice, correct: true, attempt: 1, grade: .good),
        ], timeZone: utc)!
        #expect(close(s.memory.stability, 0.24668918777567272))
        #expect(close(s.memory.difficulty, 6.402115069296838))
        #expect(s.intervalDays == 1)
    }

    @Test func goodOnEveryDueDayForFiveYears() {
        // Reviewed Good on each due day: stabilities 2.3065, 10.964332, 46.280217, 162.862202, 497.447194,
        // 1345.528778; due days 2, 13, 59, 222, 719, 2065.
        var history = [Answer(at: day(0), mode: .try, correct: true, attempt: 1, grade: .good)]
        var stabilities: [Double] = [], dues: [Int] = []
        for _ in 0 ..< 6 {
            let s = fsrs.schedule(history, timeZone: utc)!
            stabilities.append(s.memory.stability)
            dues.append(s.due - CalendarDay(day(0), in: utc))
            history.append(Answer(at: day(dues.last!), mode: .review, grade: .good))
        }
        let expected = [2.3065, 10.964332335820703, 46.28021728755687, 162.862201638749, 497.44719360027415, 1345.528777542589]
        #expect(zip(stabilities, expected).allSatisfy { close($0, $1) }, "\(stabilities)")
        #expect(dues == [2, 13, 59, 222, 719, 2065])
    }

    @Test func ungradedAnswersDoNotMoveTheSchedule() {
        let wrong = Answer(at: day(0), mode: .try, chosen: ["B"], correct: false, attempt: 1, grade: nil)
        #expect(fsrs.schedule([wrong], timeZone: utc) == nil)
        let right = Answer(at: day(0).addingTimeInterval(30), mode: .try, chosen: ["A"], correct: true, attempt: 2, grade: .hard)
        // Hard first: S0 = w1 = 1.2931, due the next day.
        #expect(fsrs.schedule([wrong, right], timeZone: utc)?.memory.stability == 1.2931)
        #expect(fsrs.schedule([wrong, right], timeZone: utc)?.intervalDays == 1)
    }

    @Test func orderOfTheHistoryDoesNotMatterOnlyItsDates() {
        let a = Answer(at: day(0), mode: .try, correct: true, attempt: 1, grade: .good)
        let b = Answer(at: day(2), mode: .review, grade: .good)
        #expect(fsrs.schedule([b, a], timeZone: utc) == fsrs.schedule([a, b], timeZone: utc))
    }

    @Test func localCalendarDaysCountElapsedTime() {
        // 23:30 and 00:30 in Berlin are one day apart there, the same day in UTC (22:30 and 23:30).
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let evening = Date(timeIntervalSince1970: 1_796_250_600)   // 2026-12-02T22:30:00Z = 23:30 in Berlin
        let history = [
            Answer(at: evening, mode: .try, correct: true, attempt: 1, grade: .good),
            Answer(at: evening.addingTimeInterval(3600), mode: .review, grade: .good),
        ]
        let local = fsrs.schedule(history, timeZone: berlin)!
        let utcSchedule = fsrs.schedule(history, timeZone: utc)!
        #expect(local.lastReview - CalendarDay(evening, in: berlin) == 1)
        #expect(utcSchedule.lastReview == CalendarDay(evening, in: utc))
        #expect(local.memory.stability > utcSchedule.memory.stability)   // a day's gap grows it more than the same day
    }
}

/// Properties the schedule must have for any history, not only the worked ones.
@Suite struct FSRSPropertyTests {
    let fsrs = FSRS()
    let utc = TimeZone(identifier: "UTC")!

    func at(_ day: Int) -> Date { Date(timeIntervalSince1970: 1_796_288_400 + Double(day) * 86_400) }

    /// SplitMix64, so the property runs over the same varied histories every time.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func intervalsGrowWithSuccessiveGoodsAndShrinkAfterAgain() {
        var rng = Seeded(state: 17)
        for _ in 0 ..< 500 {
            // A random start: 0–6 graded recalls on random days, then Good on each due day.
            var day = 0
            var history: [Answer] = []
            for _ in 0 ..< Int.random(in: 0 ... 6, using: &rng) {
                history.append(Answer(at: at(day), mode: .review, grade: Grade.allCases.randomElement(using: &rng)!))
                day += Int.random(in: 0 ... 20, using: &rng)
            }
            history.append(Answer(at: at(day), mode: .review, grade: .good))
            var previous = fsrs.schedule(history, timeZone: utc)!
            for _ in 0 ..< 8 {
                day = previous.due.number - CalendarDay(at(0), in: utc).number
                history.append(Answer(at: at(day), mode: .review, grade: .good))
                let next = fsrs.schedule(history, timeZone: utc)!
                #expect(next.intervalDays >= previous.intervalDays, "Good on the due day shortened the interval: \(history.map { $0.grade! })")
                #expect(next.memory.stability > previous.memory.stability || next.memory.stability == FSRS.stabilityRange.upperBound)
                previous = next
            }
            // Again, on the due day or later: the interval never grows, and with a long one it shrinks.
            let lapseDay = previous.due.number - CalendarDay(at(0), in: utc).number + Int.random(in: 0 ... 30, using: &rng)
            let lapsed = fsrs.schedule(history + [Answer(at: at(lapseDay), mode: .review, grade: .again)], timeZone: utc)!
            #expect(lapsed.memory.stability < previous.memory.stability)
            #expect(lapsed.intervalDays <= previous.intervalDays)
            if previous.intervalDays > 2 { #expect(lapsed.intervalDays < previous.intervalDays) }
        }
    }

    @Test func stateStaysInRangeWhateverTheGrades() {
        var rng = Seeded(state: 5)
        for _ in 0 ..< 300 {
            var history: [Answer] = []
            var day = 0
            for _ in 0 ..< 40 {
                day += [0, 0, 1, 3, 30, 400, 5000].randomElement(using: &rng)!
                history.append(Answer(at: at(day), mode: .review, grade: Grade.allCases.randomElement(using: &rng)!))
            }
            let s = fsrs.schedule(history, timeZone: utc)!
            #expect(FSRS.stabilityRange.contains(s.memory.stability) && FSRS.difficultyRange.contains(s.memory.difficulty))
            #expect((1 ... fsrs.maximumInterval).contains(s.intervalDays))
        }
    }

    @Test func higherGradesNeverGiveShorterIntervals() {
        for elapsed in [0, 1, 2, 5, 30] {
            for start in Grade.allCases {
                let base = [Answer(at: at(0), mode: .review, grade: start)]
                let intervals = Grade.allCases.map { g in
                    fsrs.schedule(base + [Answer(at: at(elapsed), mode: .review, grade: g)], timeZone: utc)!.intervalDays
                }
                #expect(intervals == intervals.sorted(), "after \(start), \(elapsed) days: \(intervals)")
            }
        }
    }
}

@Suite struct GradeTests {
    @Test(arguments: [
        (true, 1, true, Grade.good), (true, 1, false, .good), (true, 2, true, .hard), (true, 3, true, .hard),
        (false, 1, true, .again), (false, 3, true, .again),
    ] as [(Bool, Int, Bool, Grade)])
    func answersAreGradedByHowTheyWent(correct: Bool, attempt: Int, final: Bool, expected: Grade) {
        #expect(Grade.forAnswer(correct: correct, attempt: attempt, final: final) == expected)
    }

    @Test func aWrongAnswerWithARetryToComeIsNotGradedYet() {
        #expect(Grade.forAnswer(correct: false, attempt: 1, final: false) == nil)
        #expect(Grade.allCases.map(\.value) == [1, 2, 3, 4])
        #expect(Grade.allCases.map(\.label) == ["Again", "Hard", "Good", "Easy"])
    }
}

@Suite struct CalendarDayTests {
    @Test func daysAndDates() {
        let utc = TimeZone(identifier: "UTC")!
        #expect(CalendarDay(Date(timeIntervalSince1970: 0), in: utc).number == 0)
        #expect(CalendarDay(Date(timeIntervalSince1970: -1), in: utc).description == "1969-12-31")
        #expect(CalendarDay(Date(timeIntervalSince1970: 1_796_288_400), in: utc).description == "2026-12-03")
        #expect(CalendarDay(number: 0).description == "1970-01-01")
        #expect(CalendarDay(number: 11_016).description == "2000-02-29")
        #expect(CalendarDay(number: 2_932_896).description == "9999-12-31")
        // New York is behind UTC: 03:00Z on Dec 3 is still Dec 2 there.
        let ny = TimeZone(identifier: "America/New_York")!
        #expect(CalendarDay(Date(timeIntervalSince1970: 1_796_266_800), in: ny).description == "2026-12-02")
        #expect(CalendarDay(number: .max) + 1 == CalendarDay(number: .max))
        #expect(CalendarDay(number: .min) - CalendarDay(number: .max) == .min)
        _ = CalendarDay(Date.distantFuture, in: utc)   // no trap
    }
}
