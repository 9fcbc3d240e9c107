/// Every lesson type in `LessonBinary`'s form. Each initializer assigns the stored properties itself
/// (not through the public memberwise init), so a new property without a default fails to compile here
/// instead of being silently left out of the cache; `LessonBinaryTests` round-trips every lesson.
extension Lesson: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        w.write(formatVersion); w.write(id); w.write(title); w.write(topic)
        w.write(intro); w.write(why); w.write(deep)
        w.write(tryIt); w.write(practice); w.write(challenge); w.write(review)
        w.write(visualizations); w.write(test); w.write(playground)
    }

    public init(from r: inout LessonBinary.Reader) throws {
        formatVersion = try r.readInt(); id = try r.readString(); title = try r.readString(); topic = try r.readString()
        intro = try r.readOptional(); why = try r.readOptional(); deep = try r.readOptional()
        tryIt = try r.readOptional(); practice = try r.readOptional(); challenge = try r.readOptional(); review = try r.readOptional()
        visualizations = try r.readArray(); test = try r.readOptional(); playground = try r.readOptional()
    }
}

extension Page: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(minutes); w.write(blocks) }
    public init(from r: inout LessonBinary.Reader) throws { minutes = try r.readInt(); blocks = try r.readArray() }
}

extension Block: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        switch self {
        case .heading(let s): w.write(0); w.write(s)
        case .text(let s): w.write(1); w.write(s)
        case .code(let s): w.write(2); w.write(s)
        case .diagram(let s): w.write(3); w.write(s)
        case .list(let items): w.write(4); w.write(items)
        }
    }

    public init(from r: inout LessonBinary.Reader) throws {
        switch try r.readCase(below: 5) {
        case 0: self = .heading(try r.readString())
        case 1: self = .text(try r.readString())
        case 2: self = .code(try r.readString())
        case 3: self = .diagram(try r.readString())
        default: self = .list(try r.readArray())
        }
    }
}

extension TrySection: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(minutes); w.write(tasks) }
    public init(from r: inout LessonBinary.Reader) throws { minutes = try r.readInt(); tasks = try r.readArray() }
}

extension PracticeSection: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(minutes); w.write(questions) }
    public init(from r: inout LessonBinary.Reader) throws { minutes = try r.readInt(); questions = try r.readArray() }
}

extension ChallengeSection: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(minutes); w.write(items) }
    public init(from r: inout LessonBinary.Reader) throws { minutes = try r.readInt(); items = try r.readArray() }
}

extension ReviewSection: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(minutes); w.write(cards) }
    public init(from r: inout LessonBinary.Reader) throws { minutes = try r.readInt(); cards = try r.readArray() }
}

extension TestSection: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(minutes); w.write(itemIDs) }
    public init(from r: inout LessonBinary.Reader) throws { minutes = try r.readInt(); itemIDs = try r.readArray() }
}

extension PlaygroundSection: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(minutes); w.write(snippets) }
    public init(from r: inout LessonBinary.Reader) throws { minutes = try r.readInt(); snippets = try r.readArray() }
}

extension SourcePosition: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(line); w.write(column) }
    public init(from r: inout LessonBinary.Reader) throws { line = try r.readInt(); column = try r.readInt() }
}

extension Snippet: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(id); w.write(title); w.write(code); w.write(raises); w.write(position) }
    public init(from r: inout LessonBinary.Reader) throws {
        id = try r.readString(); title = try r.readString(); code = try r.readString(); raises = try r.readOptional()
        position = try r.read()
    }
}

extension ReviewCard: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(id); w.write(prompt); w.write(answer); w.write(teaches) }
    public init(from r: inout LessonBinary.Reader) throws {
        id = try r.readString(); prompt = try r.readString(); answer = try r.readString(); teaches = try r.readOptional()
    }
}

extension TeachesLink: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        switch self {
        case .page(let mode, let heading): w.write(0); w.write(mode.rawValue); w.write(heading)
        case .visualize(let step): w.write(1); w.write(step)
        case .playground(let snippet): w.write(2); w.write(snippet)
        }
    }

    public init(from r: inout LessonBinary.Reader) throws {
        switch try r.readCase(below: 3) {
        case 0: self = .page(try r.readRaw(Mode.self), heading: try r.readOptional())
        case 1: self = .visualize(step: try r.readOptional())
        default: self = .playground(snippet: try r.readOptional())
        }
    }
}

extension Option: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(letter); w.write(text); w.write(why) }
    public init(from r: inout LessonBinary.Reader) throws { letter = try r.readString(); text = try r.readString(); why = try r.readOptional() }
}

extension FillTask: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        w.write(id); w.write(difficulty.rawValue); w.write(prompt); w.write(code); w.write(options)
        // In key order, so the same task always gives the same bytes.
        let sorted = answers.sorted { $0.key < $1.key }
        w.write(sorted.map(\.key)); w.write(sorted.map(\.value))
        w.write(hint); w.write(commonMistakes); w.write(attempts); w.write(run); w.write(adapted); w.write(teaches)
    }

    public init(from r: inout LessonBinary.Reader) throws {
        id = try r.readString(); difficulty = try r.readRaw(); prompt = try r.readString(); code = try r.readString()
        options = try r.readArray()
        let keys: [Int] = try r.readArray(), values: [String] = try r.readArray()
        guard keys.count == values.count, Set(keys).count == keys.count else { throw LessonBinary.Malformed() }
        answers = Dictionary(uniqueKeysWithValues: zip(keys, values))
        hint = try r.readString(); commonMistakes = try r.readArray(); attempts = try r.readInt()
        run = try r.readOptional(); adapted = try r.readOptional(); teaches = try r.readOptional()
    }
}

extension SolutionStep: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(title); w.write(text) }
    public init(from r: inout LessonBinary.Reader) throws { title = try r.readString(); text = try r.readString() }
}

extension ChoiceQuestion: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        w.write(id); w.write(difficulty.rawValue); w.write(question); w.write(code); w.write(options); w.write(answer)
        w.write(solution); w.write(finalAnswer); w.write(quickCheck); w.write(hint); w.write(commonMistakes)
        w.write(run); w.write(gradients); w.write(adapted); w.write(teaches)
    }

    public init(from r: inout LessonBinary.Reader) throws {
        id = try r.readString(); difficulty = try r.readRaw(); question = try r.readString(); code = try r.readOptional()
        options = try r.readArray(); answer = try r.readString(); solution = try r.readArray(); finalAnswer = try r.readString()
        quickCheck = try r.readString(); hint = try r.readString(); commonMistakes = try r.readArray()
        run = try r.readOptional(); gradients = try r.readArray(); adapted = try r.readOptional(); teaches = try r.readOptional()
    }
}

extension LessonItem: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        switch self {
        case .fill(let t): w.write(0); w.write(t)
        case .choice(let q): w.write(1); w.write(q)
        }
    }

    public init(from r: inout LessonBinary.Reader) throws {
        self = try r.readCase(below: 2) == 0 ? .fill(try r.read()) : .choice(try r.read())
    }
}

extension ChallengeItem: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(item); w.write(timeLimit); w.write(attempts) }
    public init(from r: inout LessonBinary.Reader) throws { item = try r.read(); timeLimit = try r.readInt(); attempts = try r.readInt() }
}

extension GradientClaim: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        w.write(item); w.write(state.rawValue); w.write(numerator); w.write(denominator); w.write(below); w.write(above); w.write(position)
    }

    public init(from r: inout LessonBinary.Reader) throws {
        item = try r.readInt(); state = try r.readRaw(); numerator = try r.readInt(); denominator = try r.readInt()
        below = try r.readOptional(); above = try r.readOptional(); position = try r.read()
    }
}

extension RunSpec: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        w.write(prelude); w.write(code); w.write(then); w.write(expect); w.write(options); w.write(position)
    }

    public init(from r: inout LessonBinary.Reader) throws {
        prelude = try r.readString(); code = try r.readOptional(); then = try r.readString(); expect = try r.read()
        options = try r.readArray(); position = try r.read()
    }
}

extension RunSpec.Expectation: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        switch self {
        case .runs: w.write(0)
        case .raises(let e): w.write(1); w.write(e)
        case .prints(let p): w.write(2); w.write(p)
        case .printsAnswer: w.write(3)
        }
    }

    public init(from r: inout LessonBinary.Reader) throws {
        switch try r.readCase(below: 4) {
        case 0: self = .runs
        case 1: self = .raises(try r.readString())
        case 2: self = .prints(try r.readString())
        default: self = .printsAnswer
        }
    }
}

extension RunSpec.OptionClaim: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(letter); w.write(blank); w.write(expect); w.write(position) }
    public init(from r: inout LessonBinary.Reader) throws {
        letter = try r.readString(); blank = try r.readInt(); expect = try r.read(); position = try r.read()
    }
}

extension VisualizeSection: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        w.write(minutes); w.write(module.rawValue); w.write(inputSize); w.write(hiddenSize); w.write(numLayers)
        w.write(bidirectional); w.write(nonlinearity.rawValue); w.write(weights); w.write(inputShape); w.write(input)
        w.write(captions); w.write(loss); w.write(weightsPosition); w.write(lengths)
    }

    public init(from r: inout LessonBinary.Reader) throws {
        minutes = try r.readInt(); module = try r.readRaw(); inputSize = try r.readInt(); hiddenSize = try r.readInt()
        numLayers = try r.readInt(); bidirectional = try r.readBool(); nonlinearity = try r.readRaw(); weights = try r.read()
        inputShape = try r.readArray(); input = try r.readArray(); captions = try r.readArray(); loss = try r.read()
        weightsPosition = try r.readOptional(); lengths = try r.readOptional()
    }
}

extension VisualizeSection.Weights: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        switch self {
        case .seed(let s): w.write(0); w.write(s)
        case .stateDict(let path): w.write(1); w.write(path)
        }
    }

    public init(from r: inout LessonBinary.Reader) throws {
        self = try r.readCase(below: 2) == 0 ? .seed(try r.readInt()) : .stateDict(try r.readString())
    }
}

extension VisualizeLoss: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) {
        switch self {
        case .lastSum: w.write(0)
        case .lastUnit(let n): w.write(1); w.write(n)
        case .allSum: w.write(2)
        }
    }

    public init(from r: inout LessonBinary.Reader) throws {
        switch try r.readCase(below: 3) {
        case 0: self = .lastSum
        case 1: self = .lastUnit(try r.readInt())
        default: self = .allSum
        }
    }
}

/// An array of codable values (`lengths: [Int]?` is an optional array).
extension Array: LessonBinaryCodable where Element: LessonBinaryCodable {
    public func write(to w: inout LessonBinary.Writer) { w.write(self) }
    public init(from r: inout LessonBinary.Reader) throws { self = try r.readArray() }
}
