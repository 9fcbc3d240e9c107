/// One choice of a task or question: a letter (A, B, C, … in order), its text, and optionally why it is
/// right or wrong (`why:`), which the screens show after an answer.
public struct Option: Sendable, Equatable {
    public var letter: String
    public var text: String
    public var why: String?
    public init(letter: String, text: String, why: String? = nil) { self.letter = letter; self.text = text; self.why = why }
}

/// A piece of one line of task code: literal text, or blank number N (written `[N]` in the file).
public enum CodeSegment: Sendable, Equatable {
    case text(String)
    case blank(Int)
}

/// A fill-in-blank task: code with numbered blanks `[1]`, `[2]`, … and lettered options to drop in them.
public struct FillTask: Sendable, Equatable, Identifiable {
    public static let defaultAttempts = 3

    public var id: String
    public var difficulty: Difficulty
    public var prompt: String
    /// The code exactly as written, blanks as `[N]`.
    public var code: String
    public var options: [Option]
    /// The option letter that fills each blank, keyed by blank number.
    public var answers: [Int: String]
    public var hint: String
    public var commonMistakes: [String]
    public var attempts: Int
    /// What running the code claims (`run:`), proven by `unroll check`.
    public var run: RunSpec?
    /// One line saying what differs from the source page the task was transcribed from (`adapted:`).
    public var adapted: String?
    /// Where the lesson teaches it (`teaches:`): a leech's card offers to open it.
    public var teaches: TeachesLink?

    public init(id: String, difficulty: Difficulty, prompt: String, code: String, options: [Option],
                answers: [Int: String], hint: String, commonMistakes: [String], attempts: Int = FillTask.defaultAttempts,
                run: RunSpec? = nil, adapted: String? = nil, teaches: TeachesLink? = nil) {
        self.id = id; self.difficulty = difficulty; self.prompt = prompt; self.code = code
        self.options = options; self.answers = answers; self.hint = hint
        self.commonMistakes = commonMistakes; self.attempts = attempts; self.run = run
        self.adapted = adapted; self.teaches = teaches
    }

    /// The blank numbers in the order they first appear in the code (each once).
    public var blanks: [Int] { FillTask.blanks(in: code) }

    /// `blanks` of a task with this code (the decoder needs them before the task exists).
    static func blanks(in code: String) -> [Int] {
        var seen: [Int] = []
        for line in segments(of: code) { for case .blank(let n) in line where !seen.contains(n) { seen.append(n) } }
        return seen
    }

    /// The code split into lines, each a list of text and blank segments; `[1]` becomes `.blank(1)`.
    public var lines: [[CodeSegment]] { FillTask.segments(of: code) }

    /// The option for a letter, if there is one.
    public func option(_ letter: String) -> Option? { options.first { $0.letter == letter } }

    /// The answer letters in blank order, e.g. `["A", "B"]`.
    public var answerLetters: [String] { blanks.compactMap { answers[$0] } }

    /// True when every blank holds its answer letter (extra or missing blanks make it false).
    public func isCorrect(_ filled: [Int: String]) -> Bool { filled == answers }

    /// Splits code into lines of segments. Only `[` digits `]` (1–99, no leading zero) makes a blank;
    /// anything else (`x[0]`, `[a]`, `[]`) stays text.
    public static func segments(of code: String) -> [[CodeSegment]] {
        asciiSegments(of: code)
            ?? code.split(separator: "\n", omittingEmptySubsequences: false).map { segments(ofLine: Substring($0)) }
    }

    /// `segments(of:)` for ASCII code without CR (a lesson's code, as a rule), where every byte is one
    /// Character, so the bytes can be read directly; walking Characters was most of the time a lesson
    /// took to decode. Nil for any other code, which takes the Character path.
    static func asciiSegments(of code: String) -> [[CodeSegment]]? {
        var code = code
        return code.withUTF8 { bytes -> [[CodeSegment]]? in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) else { return nil }
            func text(_ from: Int, _ to: Int) -> CodeSegment {
                .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self))
            }
            func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") }
            var lines: [[CodeSegment]] = []
            var line: [CodeSegment] = []
            var textStart = 0, i = 0
            while i <= bytes.count {
                if i == bytes.count || bytes[i] == UInt8(ascii: "\n") {
                    if i > textStart || line.isEmpty { line.append(text(textStart, i)) }
                    lines.append(line)
                    line = []
                    i += 1
                    textStart = i
                    continue
                }
                // `[`, one or two digits without a leading zero, `]` (as `segments(ofLine:)` reads them).
                if bytes[i] == UInt8(ascii: "["), isDigit(i + 1), bytes[i + 1] != UInt8(ascii: "0") {
                    let close = isDigit(i + 2) ? i + 3 : i + 2
                    if close < bytes.count, bytes[close] == UInt8(ascii: "]") {
                        if i > textStart { line.append(text(textStart, i)) }
                        var n = 0
                        for k in (i + 1)..<close { n = n * 10 + Int(bytes[k] - UInt8(ascii: "0")) }
                        line.append(.blank(n))
                        i = close + 1
                        textStart = i
                        continue
                    }
                }
                i += 1
            }
            return lines
        }
    }

    static func segments(ofLine line: Substring) -> [CodeSegment] {
        var result: [CodeSegment] = []
        var text = ""
        var i = line.startIndex
        while i < line.endIndex {
            // A blank's number has at most two digits, so its `]` is within three characters: looking
            // further made a long line of `[` quadratic (200 KB of them took minutes).
            if line[i] == "[", let close = line[i...].prefix(4).firstIndex(of: "]") {
                let inner = line[line.index(after: i)..<close]
                if let n = Int(inner), n >= 1, n <= 99, inner.first != "0", inner.allSatisfy(\.isASCII),
                   inner.allSatisfy(\.isNumber) {
                    if !text.isEmpty { result.append(.text(text)); text = "" }
                    result.append(.blank(n))
                    i = line.index(after: close)
                    continue
                }
            }
            text.append(line[i])
            i = line.index(after: i)
        }
        if !text.isEmpty || result.isEmpty { result.append(.text(text)) }
        return result
    }
}

/// One step of a worked solution.
public struct SolutionStep: Sendable, Equatable {
    public var title: String
    public var text: String
    public init(title: String, text: String) { self.title = title; self.text = text }
}

/// A multiple-choice question with a worked solution.
public struct ChoiceQuestion: Sendable, Equatable, Identifiable {
    public var id: String
    public var difficulty: Difficulty
    public var question: String
    /// Code shown under the question, if any.
    public var code: String?
    public var options: [Option]
    /// The letter of the right option.
    public var answer: String
    public var solution: [SolutionStep]
    public var finalAnswer: String
    public var quickCheck: String
    public var hint: String
    public var commonMistakes: [String]
    /// What running the code claims (`run:`), proven by `unroll check`.
    public var run: RunSpec?
    /// Claims about the gradient view's numbers (`gradients:`), proven by `unroll check` through the engine.
    public var gradients: [GradientClaim]
    /// One line saying what differs from the source page the question was transcribed from (`adapted:`).
    public var adapted: String?
    /// Where the lesson teaches it (`teaches:`): a leech's card offers to open it.
    public var teaches: TeachesLink?

    public init(id: String, difficulty: Difficulty, question: String, code: String? = nil, options: [Option],
                answer: String, solution: [SolutionStep], finalAnswer: String, quickCheck: String,
                hint: String, commonMistakes: [String], run: RunSpec? = nil, gradients: [GradientClaim] = [],
                adapted: String? = nil, teaches: TeachesLink? = nil) {
        self.id = id; self.difficulty = difficulty; self.question = question; self.code = code
        self.options = options; self.answer = answer; self.solution = solution
        self.finalAnswer = finalAnswer; self.quickCheck = quickCheck; self.hint = hint
        self.commonMistakes = commonMistakes; self.run = run; self.gradients = gradients
        self.adapted = adapted; self.teaches = teaches
    }

    public func option(_ letter: String) -> Option? { options.first { $0.letter == letter } }
}

/// A gradable item: what `test` and `challenge` refer to.
public enum LessonItem: Sendable, Equatable {
    case fill(FillTask)
    case choice(ChoiceQuestion)

    public var id: String {
        switch self {
        case .fill(let t): t.id
        case .choice(let q): q.id
        }
    }

    public var difficulty: Difficulty {
        switch self {
        case .fill(let t): t.difficulty
        case .choice(let q): q.difficulty
        }
    }

    /// Where the lesson teaches it, if the lesson says (`teaches:`).
    public var teaches: TeachesLink? {
        switch self {
        case .fill(let t): t.teaches
        case .choice(let q): q.teaches
        }
    }

    /// What differs from the source page, if it was transcribed from one and changed (`adapted:`).
    public var adapted: String? {
        switch self {
        case .fill(let t): t.adapted
        case .choice(let q): q.adapted
        }
    }
}

/// A timed problem: a fill-in-blank task or a multiple-choice question with a time limit.
public struct ChallengeItem: Sendable, Equatable {
    public static let defaultTimeLimit = 90
    public static let defaultAttempts = 2

    public var item: LessonItem
    /// Seconds.
    public var timeLimit: Int
    public var attempts: Int

    public init(item: LessonItem, timeLimit: Int = ChallengeItem.defaultTimeLimit,
                attempts: Int = ChallengeItem.defaultAttempts) {
        self.item = item; self.timeLimit = timeLimit; self.attempts = attempts
    }

    public var id: String { item.id }
}

/// What the visualizer unrolls: a module, its sizes, its weights (a seed or a state_dict file), an input.
public struct VisualizeSection: Sendable, Equatable {
    public enum Module: String, Sendable, CaseIterable, Equatable { case RNN, LSTM, GRU }
    public enum Nonlinearity: String, Sendable, CaseIterable, Equatable { case tanh, relu }
    public enum Weights: Sendable, Equatable {
        case seed(Int)
        /// A JSON state_dict, path relative to the lesson file.
        case stateDict(String)
    }

    public var minutes: Int
    public var module: Module
    public var inputSize: Int
    public var hiddenSize: Int
    public var numLayers: Int
    public var bidirectional: Bool
    /// RNN only; tanh by default.
    public var nonlinearity: Nonlinearity
    public var weights: Weights
    /// The input tensor's shape: [seq_len, input_size] (unbatched) or [seq_len, batch, input_size].
    public var inputShape: [Int]
    /// The input values, flattened in row-major order.
    public var input: [Double]
    /// A caption per time step (may be fewer than the steps; none is fine).
    public var captions: [String]
    /// What the gradient view differentiates (`loss:`; default the sum of the last step's output).
    public var loss: VisualizeLoss
    /// Where `state_dict:` was written, for problems with its file.
    public var weightsPosition: SourcePosition?
    /// Each batch element's real length (`lengths:`); nil: every step is real. The steps past a length are
    /// padding, drawn as a packed RNN treats them: h not updated.
    public var lengths: [Int]?

    public init(minutes: Int, module: Module, inputSize: Int, hiddenSize: Int, numLayers: Int = 1,
                bidirectional: Bool = false, nonlinearity: Nonlinearity = .tanh, weights: Weights,
                inputShape: [Int], input: [Double], captions: [String] = [], lengths: [Int]? = nil,
                loss: VisualizeLoss = .lastSum, weightsPosition: SourcePosition? = nil) {
        self.minutes = minutes; self.module = module; self.inputSize = inputSize; self.hiddenSize = hiddenSize
        self.numLayers = numLayers; self.bidirectional = bidirectional; self.nonlinearity = nonlinearity
        self.weights = weights; self.inputShape = inputShape; self.input = input; self.captions = captions
        self.lengths = lengths; self.loss = loss; self.weightsPosition = weightsPosition
    }

    /// The key of this item's state_dict in `State.visualizeWeights` (lesson id and the file's path, so two items
    /// of a lesson may name different files); nil for seeded weights.
    public func weightsKey(lessonID: String) -> String? {
        guard case .stateDict(let path) = weights else { return nil }
        return lessonID + "/" + path
    }

    /// The number of time steps (the input's first dimension).
    public var sequenceLength: Int { inputShape.first ?? 0 }

    /// The caption for step t (0-based), if written.
    public func caption(step: Int) -> String? { captions.indices.contains(step) ? captions[step] : nil }
}
