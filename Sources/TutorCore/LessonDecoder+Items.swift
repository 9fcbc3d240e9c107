extension DecodingContext {
    static let fillKeys = ["id", "difficulty", "prompt", "code", "options", "answers", "hint", "common_mistakes", "attempts", "run",
                           "adapted", "teaches"]
    static let fillRequired = ["id", "difficulty", "prompt", "code", "options", "answers", "hint", "common_mistakes"]
    static let choiceKeys = ["id", "difficulty", "question", "code", "options", "answer", "solution", "final_answer",
                             "quick_check", "hint", "common_mistakes", "run", "gradients", "adapted", "teaches"]
    static let choiceRequired = ["id", "difficulty", "question", "options", "answer", "solution", "final_answer",
                                 "quick_check", "hint", "common_mistakes"]
    static let optionLetters = ["A", "B", "C", "D", "E", "F"]
    static let attemptsRange = 1...10

    func itemName(_ kind: String, _ f: Fields) -> String {
        if let id = f["id"]?.scalar?.string, !id.isEmpty { return "\(kind) '\(id)'" }
        return "a \(kind)"
    }

    /// "task 't-one'" when the mapping has an id, else "a task": so messages say which item.
    func itemLabel(_ node: Node, _ kind: String) -> String {
        if case .mapping(let m) = node, let id = m.first(where: { $0.key.scalar?.string == "id" })?.value.scalar?.string,
           !id.isEmpty, LessonDecoder.forbiddenCharacter(in: id) == nil {
            return "\(kind) '\(id)'"
        }
        return "a \(kind)"
    }

    func difficulty(_ node: Node?) -> Difficulty? {
        guard let node, let value = text(node, "difficulty") else { return nil }
        guard let d = Difficulty(rawValue: value) else {
            report(node, "unknown difficulty '\(value)'; use easy, medium or hard")
            return nil
        }
        return d
    }

    /// Options as a mapping `A: text` (or `A: {text: …, why: …}`), letters A, B, C, … in order, at least two.
    func options(_ node: Node?) -> [Option]? {
        guard let node, let pairs = pairs(node, of: "'options'", duplicate: { letter, first in
            "option letter '\(letter)' is repeated (first on line \(first))"
        }) else { return nil }
        var result: [Option] = []
        var ok = true
        for (index, pair) in pairs.enumerated() {
            let letter = pair.key.scalar?.string ?? ""
            let expected = index < Self.optionLetters.count ? Self.optionLetters[index] : nil
            guard let expected else {
                report(pair.key, "too many options; letters run A to \(Self.optionLetters.last!)")
                ok = false
                break
            }
            guard letter == expected else {
                report(pair.key, "option letters must run A, B, C, … in order: expected '\(expected)', found '\(letter)'")
                ok = false
                break
            }
            guard let option = option(pair.value, letter: letter) else { ok = false; continue }
            result.append(option)
        }
        let duplicatesSkipped = node.mapping.map { $0.count != pairs.count } ?? false
        if ok && !duplicatesSkipped && result.count < 2 {
            report(node, "there must be at least two options")
            ok = false
        }
        return ok ? result : nil
    }

    /// One option's value: its text, or a mapping with its text and why it is right or wrong.
    func option(_ node: Node, letter: String) -> Option? {
        guard case .mapping = node else { return text(node, "option \(letter)").map { Option(letter: letter, text: $0) } }
        guard let f = fields(node, of: "option \(letter)", allowed: ["text", "why"], required: ["text"]),
              let t = text(f["text"], "option \(letter)") else { return nil }
        let why = f["why"].map { text($0, "why") }
        if why == .some(nil) { return nil }
        return Option(letter: letter, text: t, why: why ?? nil)
    }

    func fillTask(_ node: Node, defaultAttempts: Int, extraKeys: [String] = []) -> FillTask? {
        guard let f = fields(node, of: itemLabel(node, "task"), allowed: Self.fillKeys + extraKeys, required: Self.fillRequired) else { return nil }
        let name = itemName("task", f)
        let id = registerID(f["id"], name)
        if let id { gradableIDs.insert(id) }
        let difficulty = difficulty(f["difficulty"])
        let prompt = text(f["prompt"], "prompt")
        let code = text(f["code"], "code")
        let options = options(f["options"])
        let hint = text(f["hint"], "hint")
        let mistakes = textList(f["common_mistakes"], "common_mistakes")
        let attempts = f["attempts"].map { int($0, "attempts", in: Self.attemptsRange) } ?? defaultAttempts
        // The code's blanks, found once (for the answers and the run claims).
        let blanks = code.map(FillTask.blanks(in:)) ?? []
        let answers = fillAnswers(f["answers"], code: code, blanks: blanks, codeNode: f["code"], options: options, name: name)
        let run = f["run"].map { runSpec($0, fill: true, code: code, blanks: blanks, options: options, answers: answers) }
        let adapted = f["adapted"].map(adaptedNote)
        let teaches = f["teaches"].map(teachesLink)
        guard let id, let difficulty, let prompt, let code, let options, let hint, let mistakes,
              let attempts, let answers, run != .some(nil), adapted != .some(nil), teaches != .some(nil) else { return nil }
        return FillTask(id: id, difficulty: difficulty, prompt: prompt, code: code, options: options,
                        answers: answers, hint: hint, commonMistakes: mistakes, attempts: attempts, run: run ?? nil,
                        adapted: adapted ?? nil, teaches: teaches ?? nil)
    }

    /// `answers: {1: A, 2: B}` checked against the code's blanks and the options.
    func fillAnswers(_ node: Node?, code: String?, blanks: [Int], codeNode: Node?, options: [Option]?, name: String) -> [Int: String]? {
        guard let node, let pairs = pairs(node, of: "'answers'", duplicate: { blank, first in
            "blank [\(blank)] has two answers (first on line \(first))"
        }) else { return nil }
        var answers: [Int: String] = [:]
        var ok = true
        for (key, value) in pairs {
            guard let blank = key.scalar.flatMap({ Int($0.string) }) else {
                report(key, "answers are keyed by blank number (1, 2, …), not \(describe(key))")
                ok = false
                continue
            }
            guard let letter = text(value, "answer") else { ok = false; continue }
            if code != nil && !blanks.contains(blank) {
                report(key, "an answer for blank [\(blank)], but the code has no blank [\(blank)]")
                ok = false
            }
            if let options, !options.contains(where: { $0.letter == letter }) {
                let letters = options.map(\.letter).joined(separator: ", ")
                report(value, "answer '\(letter)' for blank [\(blank)] is not one of the options (\(letters))")
                ok = false
            }
            answers[blank] = letter
        }
        if let code, let codeNode {
            if blanks.isEmpty {
                report(codeNode, "the code of \(name) has no blanks; write them as [1], [2], …")
                ok = false
            }
            for blank in blanks where answers[blank] == nil {
                report(node, "blank [\(blank)] in the code has no answer")
                ok = false
            }
            if blanks.sorted() != Array(1...max(1, blanks.count)) && !blanks.isEmpty {
                report(codeNode, "blanks must be numbered 1, 2, 3, … without gaps; found \(blanks.sorted().map { "[\($0)]" }.joined(separator: " "))")
                ok = false
            }
            _ = code
        }
        return ok ? answers : nil
    }

    func choiceQuestion(_ node: Node, extraKeys: [String] = []) -> ChoiceQuestion? {
        guard let f = fields(node, of: itemLabel(node, "question"), allowed: Self.choiceKeys + extraKeys, required: Self.choiceRequired) else { return nil }
        let name = itemName("question", f)
        let id = registerID(f["id"], name)
        if let id { gradableIDs.insert(id) }
        let difficulty = difficulty(f["difficulty"])
        let question = text(f["question"], "question")
        let code = f["code"].map { text($0, "code") }
        let options = options(f["options"])
        var answer = text(f["answer"], "answer")
        if let a = answer, let options, let answerNode = f["answer"], !options.contains(where: { $0.letter == a }) {
            report(answerNode, "answer '\(a)' is not one of the options (\(options.map(\.letter).joined(separator: ", ")))")
            answer = nil
        }
        let steps = solution(f["solution"])
        let final = text(f["final_answer"], "final_answer")
        let quick = text(f["quick_check"], "quick_check")
        let hint = text(f["hint"], "hint")
        let mistakes = textList(f["common_mistakes"], "common_mistakes")
        let run = f["run"].map { runSpec($0, fill: false, code: code ?? nil, blanks: [], options: options, answers: nil) }
        let gradients = f["gradients"].map(gradientClaims)
        let adapted = f["adapted"].map(adaptedNote)
        let teaches = f["teaches"].map(teachesLink)
        guard let id, let difficulty, let question, code != .some(nil), let options, let answer, let steps,
              let final, let quick, let hint, let mistakes, run != .some(nil), gradients != .some(nil),
              adapted != .some(nil), teaches != .some(nil) else { return nil }
        return ChoiceQuestion(id: id, difficulty: difficulty, question: question, code: code ?? nil, options: options,
                              answer: answer, solution: steps, finalAnswer: final, quickCheck: quick,
                              hint: hint, commonMistakes: mistakes, run: run ?? nil, gradients: (gradients ?? nil) ?? [],
                              adapted: adapted ?? nil, teaches: teaches ?? nil)
    }

    /// `adapted:`: one line saying what differs from the source page (the screens show it beside the
    /// item's header and in `?`, where a second line would not fit).
    func adaptedNote(_ node: Node) -> String? {
        guard let note = text(node, "adapted") else { return nil }
        guard !note.contains("\n") else {
            report(node, "'adapted' must be one line saying what differs from the source page (use >- to fold a long line)")
            return nil
        }
        return note
    }

    /// `teaches:`: where the lesson teaches the item. Its syntax is checked here; whether the page,
    /// heading, step or snippet exists once the whole lesson is read (`checkTeaches`).
    func teachesLink(_ node: Node) -> TeachesLink? {
        guard let value = text(node, "teaches") else { return nil }
        switch TeachesLink.parse(value) {
        case .success(let link):
            teachesLinks.append((link, node.position))
            return link
        case .failure(let error):
            report(node, error.message)
            return nil
        }
    }

    /// Every `teaches:` link must lead somewhere in this lesson: a page it has (and a heading on it), a
    /// visualizer step within its steps, a snippet it has.
    func checkTeaches(in lesson: Lesson) {
        for (link, position) in teachesLinks {
            switch link {
            case .page(let mode, let heading):
                guard lesson.page(for: mode) != nil else {
                    report(position, "teaches '\(link.text)', but the lesson has no '\(mode.rawValue)' page")
                    continue
                }
                guard let heading, lesson.heading(matching: heading, on: mode) == nil else { continue }
                let headings = lesson.headings(on: mode).map(\.text)
                var message = "teaches '\(link.text)', but the '\(mode.rawValue)' page has no heading '\(heading)'"
                if let near = LessonDecoder.suggestion(for: heading, among: headings.map { $0.lowercased() }),
                   let written = headings.first(where: { $0.lowercased() == near }) {
                    message += " (did you mean '\(written)'?)"
                } else if !headings.isEmpty {
                    message += "; its headings are " + headings.map { "'\($0)'" }.joined(separator: ", ")
                }
                report(position, message)
            case .visualize(let step):
                guard lesson.visualize != nil else {
                    report(position, "teaches '\(link.text)', but the lesson has no 'visualize' mode")
                    continue
                }
                let count = lesson.visualizeStepCount
                if let step, !(1...max(1, count)).contains(step) {
                    report(position, "teaches '\(link.text)', but the visualizer has steps 1 to \(count)")
                }
            case .playground(let snippet):
                guard let snippets = lesson.playground?.snippets, !snippets.isEmpty else {
                    report(position, "teaches '\(link.text)', but the lesson has no 'playground' mode")
                    continue
                }
                guard let snippet, !snippets.contains(where: { $0.id == snippet }) else { continue }
                var message = "teaches '\(link.text)', but the playground has no snippet '\(snippet)'"
                if let near = LessonDecoder.suggestion(for: snippet, among: snippets.map(\.id)) { message += " (did you mean '\(near)'?)" }
                report(position, message)
            }
        }
    }

    func solution(_ node: Node?) -> [SolutionStep]? {
        guard let list = sequence(node, "solution") else { return nil }
        var steps: [SolutionStep] = []
        var ok = true
        for item in list {
            guard let s = fields(item, of: "a solution step", allowed: ["title", "text"], required: ["title", "text"]) else { ok = false; continue }
            guard let title = text(s["title"], "title"), let body = text(s["text"], "text") else { ok = false; continue }
            steps.append(SolutionStep(title: title, text: body))
        }
        return ok ? steps : nil
    }

    func challengeItem(_ node: Node) -> ChallengeItem? {
        guard case .mapping(let m) = node else {
            report(node, "a challenge item must be a mapping of keys to values")
            return nil
        }
        let typeNode = m.first { $0.key.scalar?.string == "type" }?.value
        guard let typeNode else {
            report(node, "missing required key 'type' in a challenge item (fill or choice)")
            return nil
        }
        guard let type = text(typeNode, "type") else { return nil }
        let timeLimitNode = m.first { $0.key.scalar?.string == "time_limit" }?.value
        let timeLimit = timeLimitNode.map { int($0, "time_limit", in: 10...3600) } ?? ChallengeItem.defaultTimeLimit
        switch type {
        case "fill":
            guard let task = fillTask(node, defaultAttempts: ChallengeItem.defaultAttempts, extraKeys: ["type", "time_limit"]),
                  let timeLimit else { return nil }
            return ChallengeItem(item: .fill(task), timeLimit: timeLimit, attempts: task.attempts)
        case "choice":
            let attemptsNode = m.first { $0.key.scalar?.string == "attempts" }?.value
            let attempts = attemptsNode.map { int($0, "attempts", in: Self.attemptsRange) } ?? ChallengeItem.defaultAttempts
            guard let question = choiceQuestion(node, extraKeys: ["type", "time_limit", "attempts"]),
                  let timeLimit, let attempts else { return nil }
            return ChallengeItem(item: .choice(question), timeLimit: timeLimit, attempts: attempts)
        default:
            report(typeNode, "unknown challenge item type '\(type)'; use fill or choice")
            return nil
        }
    }

    // MARK: Visualize

    static let visualizeKeys = ["minutes", "module", "input_size", "hidden_size", "num_layers", "bidirectional",
                                "nonlinearity", "seed", "state_dict", "input", "captions", "lengths", "loss"]

    func visualizeSection(_ node: Node) -> VisualizeSection? {
        guard let f = fields(node, of: "the 'visualize' mode", allowed: Self.visualizeKeys,
                             required: ["minutes", "module", "input_size", "hidden_size", "input"]) else { return nil }
        let minutes = int(f["minutes"], "minutes", in: Self.minutesRange)
        var module: VisualizeSection.Module?
        if let n = f["module"], let name = text(n, "module") {
            module = VisualizeSection.Module(rawValue: name)
            if module == nil { report(n, "unknown module '\(name)'; use RNN, LSTM or GRU") }
        }
        let inputSize = int(f["input_size"], "input_size", in: 1...64)
        let hiddenSize = int(f["hidden_size"], "hidden_size", in: 1...64)
        let numLayers = f["num_layers"].map { int($0, "num_layers", in: 1...4) } ?? 1
        let bidirectional = f["bidirectional"].map { bool($0, "bidirectional") } ?? false
        var nonlinearity: VisualizeSection.Nonlinearity? = .tanh
        if let n = f["nonlinearity"] {
            if let name = text(n, "nonlinearity") {
                nonlinearity = VisualizeSection.Nonlinearity(rawValue: name)
                if nonlinearity == nil { report(n, "unknown nonlinearity '\(name)'; use tanh or relu") }
                if let module, module != .RNN { report(n, "'nonlinearity' applies only to module RNN, not \(module.rawValue)") }
            } else { nonlinearity = nil }
        }
        var weights: VisualizeSection.Weights?
        switch (f["seed"], f["state_dict"]) {
        case (let s?, nil): weights = int(s, "seed", in: 0...Int(Int32.max)).map { .seed($0) }
        case (nil, let p?):
            stateDictPosition = p.position
            weights = text(p, "state_dict").flatMap { stateDictPath($0, at: p) }.map { .stateDict($0) }
        case (_?, _?): report(node, "give either 'seed' or 'state_dict' in the 'visualize' mode, not both")
        case (nil, nil): report(node, "missing 'seed' or 'state_dict' in the 'visualize' mode (the weights to unroll)")
        }
        let tensor = f["input"].flatMap { inputTensor($0, inputSize: inputSize) }
        var captions: [String]? = []
        if let c = f["captions"] {
            captions = textList(c, "captions")
            if let list = captions, let steps = tensor?.shape.first, list.count > steps {
                report(c, "\(list.count) captions for \(steps) time steps; give at most one caption per step")
            }
        }
        let features = hiddenSize.flatMap { h in bidirectional.map { h * ($0 ? 2 : 1) } }
        let loss = f["loss"].map { visualizeLoss($0, features: features) } ?? .lastSum
        let lengths = f["lengths"].map { visualizeLengths($0, inputShape: tensor?.shape, bidirectional: bidirectional) }
        guard let minutes, let module, let inputSize, let hiddenSize, let numLayers, let bidirectional,
              let nonlinearity, let weights, let tensor, let captions, let loss else { return nil }
        if let lengths, lengths == nil { return nil }
        return VisualizeSection(minutes: minutes, module: module, inputSize: inputSize, hiddenSize: hiddenSize,
                                numLayers: numLayers, bidirectional: bidirectional, nonlinearity: nonlinearity,
                                weights: weights, inputShape: tensor.shape, input: tensor.values, captions: captions,
                                lengths: lengths ?? nil, loss: loss, weightsPosition: f["state_dict"].map { $0.position })
    }

    /// A state_dict path stays inside the lessons folder: relative to the lesson file, without `..`.
    /// (Symbolic links pointing out are refused where the file is read, in `LessonLibrary`.)
    func stateDictPath(_ path: String, at node: Node) -> String? {
        if path.hasPrefix("/") {
            report(node, "state_dict '\(path)' must be a path relative to the lesson file, inside the lessons folder")
            return nil
        }
        if path.split(separator: "/").contains("..") {
            report(node, "state_dict '\(path)' must not use '..'; keep the file in the lesson's folder or below it")
            return nil
        }
        return path
    }

    /// A nested list of numbers, rectangular, 2-D (seq_len × input_size) or 3-D (seq_len × batch × input_size).
    func inputTensor(_ node: Node, inputSize: Int?) -> (shape: [Int], values: [Double])? {
        var values: [Double] = []
        func walk(_ n: Node, depth: Int) -> [Int]? {
            switch n {
            case .scalar(let s):
                guard let v = Double(s.string), v.isFinite else {
                    report(n, "'input' must hold numbers, got \(describe(n))")
                    return nil
                }
                values.append(v)
                return []
            case .sequence(let seq):
                let items = seq.items
                guard !items.isEmpty else { report(n, "'input' has an empty list"); return nil }
                var shape: [Int]?
                for item in items {
                    guard let s = walk(item, depth: depth + 1) else { return nil }
                    if let shape, shape != s {
                        report(item, "'input' is not rectangular: every row at one depth must have the same length")
                        return nil
                    }
                    shape = s
                }
                return [items.count] + (shape ?? [])
            case .mapping:
                report(n, "'input' must be a nested list of numbers")
                return nil
            }
        }
        guard let shape = walk(node, depth: 0) else { return nil }
        guard shape.count == 2 || shape.count == 3 else {
            report(node, "'input' must be 2-D (seq_len × input_size) or 3-D (seq_len × batch × input_size), got \(shape.count)-D")
            return nil
        }
        if let inputSize, shape.last != inputSize {
            report(node, "the last dimension of 'input' is \(shape.last!), but input_size is \(inputSize)")
            return nil
        }
        return (shape, values)
    }
}
