import Foundation

/// FSRS-6, the Free Spaced Repetition Scheduler (Jarrett Ye et al.; the version Anki 25 and fsrs-rs 6
/// run), with its 21 published default parameters. Its memory model: stability S (days until the chance
/// of recall falls to 90 %), difficulty D (1–10), and retrievability R, the chance of recall t days after
/// the last review. Written from the published formulas (DECISIONS.md lists them), in Double.
///
/// ```swift
/// let fsrs = FSRS()
/// var m = fsrs.initial(.good)                          // S 2.3065, D 2.118…
/// m = fsrs.next(m, elapsedDays: 2, grade: .good)        // S grows
/// fsrs.interval(stability: m.stability)                  // whole days until R = 0.9
/// ```
public struct FSRS: Sendable, Equatable {
    /// FSRS-6's default parameters w0…w20 (fsrs-rs `DEFAULT_PARAMETERS`, py-fsrs 6 `DEFAULT_PARAMETERS`).
    public static let defaultParameters: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]
    /// Stability is kept within these days (fsrs-rs S_MIN, S_MAX); difficulty within 1…10.
    public static let stabilityRange = 0.001 ... 36500.0
    public static let difficultyRange = 1.0 ... 10.0

    /// The memory state of one item.
    public struct Memory: Sendable, Equatable {
        public var stability: Double
        public var difficulty: Double
        public init(stability: Double, difficulty: Double) {
            self.stability = stability
            self.difficulty = difficulty
        }
    }

    public let w: [Double]
    /// The chance of recall an interval aims at when it comes due (Anki's "desired retention").
    public let desiredRetention: Double
    /// No interval is longer (days).
    public let maximumInterval: Int

    /// - Precondition: 21 finite parameters, retention in (0, 1), maximum interval ≥ 1 (they come from
    ///   the program, never from the progress file).
    public init(parameters: [Double] = FSRS.defaultParameters, desiredRetention: Double = 0.9, maximumInterval: Int = 36500) {
        precondition(parameters.count == 21 && parameters.allSatisfy(\.isFinite) && parameters[20] > 0, "FSRS-6 takes 21 finite parameters")
        precondition(desiredRetention > 0 && desiredRetention < 1 && maximumInterval >= 1)
        w = parameters
        self.desiredRetention = desiredRetention
        self.maximumInterval = maximumInterval
    }

    /// The forgetting curve's exponent, −w20.
    var decay: Double { -w[20] }
    /// Chosen so that R(S, S) = 0.9: 0.9^(1/decay) − 1.
    var factor: Double { pow(0.9, 1 / decay) - 1 }

    /// R(t, S) = (1 + factor · t / S)^decay: the chance of recall `elapsedDays` after the last review.
    public func retrievability(elapsedDays t: Double, stability s: Double) -> Double {
        pow(1 + factor * max(0, t) / clampS(s), decay)
    }

    /// I(r, S) = S / factor · (r^(1/decay) − 1), rounded to whole days, at least 1, at most the maximum.
    public func interval(stability s: Double) -> Int {
        let days = clampS(s) / factor * (pow(desiredRetention, 1 / decay) - 1)
        guard days.isFinite else { return maximumInterval }
        return Int(min(max(days.rounded(.toNearestOrAwayFromZero), 1), Double(maximumInterval)))
    }

    /// The first review: S0(G) = w[G−1]; D0(G) = w4 − e^(w5·(G−1)) + 1, clamped to 1…10.
    public func initial(_ grade: Grade) -> Memory {
        Memory(stability: clampS(w[grade.value - 1]), difficulty: clampD(initialDifficulty(grade)))
    }

    /// The state after a review `elapsedDays` (whole local days) after the previous one.
    /// Same day (0): S' = S · e^(w17·(G − 3 + w18)) · S^(−w19), the factor at least 1 unless Again.
    /// Later, remembered: S' = S · (1 + e^w8 · (11 − D) · S^(−w9) · (e^(w10·(1−R)) − 1) · w15 if Hard · w16 if Easy).
    /// Later, forgotten: S' = min(w11 · D^(−w12) · ((S+1)^w13 − 1) · e^(w14·(1−R)), S / e^(w17·w18)).
    /// Difficulty: D' = D − w6·(G−3)·(10−D)/9, then D'' = w7·D0(Easy) + (1−w7)·D', clamped to 1…10.
    public func next(_ m: Memory, elapsedDays: Int, grade: Grade) -> Memory {
        let s = clampS(m.stability), d = clampD(m.difficulty)
        let g = Double(grade.value)
        var newS: Double
        if elapsedDays <= 0 {
            let increase = exp(w[17] * (g - 3 + w[18])) * pow(s, -w[19])
            newS = s * (grade == .again ? increase : max(increase, 1))
        } else {
            let r = retrievability(elapsedDays: Double(elapsedDays), stability: s)
            if grade == .again {
                let longTerm = w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp(w[14] * (1 - r))
                newS = min(longTerm, s / exp(w[17] * w[18]))
            } else {
                let hard = grade == .hard ? w[15] : 1
                let easy = grade == .easy ? w[16] : 1
                newS = s * (1 + exp(w[8]) * (11 - d) * pow(s, -w[9]) * (exp(w[10] * (1 - r)) - 1) * hard * easy)
            }
        }
        let damped = d + (-w[6] * (g - 3)) * (10 - d) / 9
        let reverted = w[7] * initialDifficulty(.easy) + (1 - w[7]) * damped
        return Memory(stability: clampS(newS), difficulty: clampD(reverted))
    }

    private func initialDifficulty(_ grade: Grade) -> Double {
        w[4] - exp(w[5] * Double(grade.value - 1)) + 1
    }

    private func clampS(_ s: Double) -> Double {
        s.isNaN ? Self.stabilityRange.lowerBound : min(max(s, Self.stabilityRange.lowerBound), Self.stabilityRange.upperBound)
    }

    private func clampD(_ d: Double) -> Double {
        d.isNaN ? Self.difficultyRange.upperBound : min(max(d, Self.difficultyRange.lowerBound), Self.difficultyRange.upperBound)
    }
}
