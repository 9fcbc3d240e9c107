extension DecodingContext {
    static let runFillKeys = ["prelude", "then", "expect", "options"]
    static let runChoiceKeys = ["prelude", "code", "then", "expect"]
    static let expectKeys = ["runs", "raises", "prints", "prints_answer"]

    /// `run: {prelude, then, expect, options}` (fill) or `run: {prelude, code, then, expect}` (choice).
    func runSpec(_ node: Node, fill: Bool, code: String?, blanks: [Int], options: [Option]?, answers: [Int: String]?) -> RunSpec? {
        guard let f = fields(node, of: "'run'", allowed: fill ? Self.runFillKeys : Self.runChoiceKeys,
                             required: ["expect"]) else { return nil }
        var ok = true
        let prelude = f["prelude"].map { text($0, "prelude", allowEmpty: true) } ?? ""
        let then = f["then"].map { text($0, "then", allowEmpty: true) } ?? ""
        let runCode = f["code"].map { text($0, "code") }
        if prelude == nil || then == nil || runCode == .some(nil) { ok = false }
        if !fill, runCode == nil, code == nil {
            report(node, "'run' of a question without 'code' needs its own 'code' to run")
            ok = false
        }
        guard let expectNode = f["expect"], let expect = expectation(expectNode, allowAnswer: !fill) else { return nil }
        var claims: [RunSpec.OptionClaim] = []
        if fill, let optionsNode = f["options"] {
            if let pairs = pairs(optionsNode, of: "'options' in 'run'", duplicate: { l, first in
                "option '\(l)' has two claims (first on line \(first))" }) {
                for (key, value) in pairs {
                    let letter = key.scalar?.string ?? ""
                    if let options, !options.contains(where: { $0.letter == letter }) {
                        report(key, "'run' claims something of option '\(letter)', which is not one of the options (\(options.map(\.letter).joined(separator: ", ")))")
                        ok = false
                        continue
                    }
                    guard case .mapping(let m) = value else {
                        report(value, "the claim for option '\(letter)' must be a mapping such as {raises: \"ValueError: …\"}")
                        ok = false
                        continue
                    }
                    let blankNode = m.first { $0.key.scalar?.string == "blank" }?.value
                    var blank: Int?
                    if let blankNode {
                        blank = int(blankNode, "blank", in: 1...99)
                        if let b = blank, !blanks.contains(b) {
                            report(blankNode, "the code has no blank [\(b)]")
                            blank = nil
                        }
                    } else if blanks.count == 1 {
                        blank = blanks[0]
                    } else if let b = blanks.first(where: { answers?[$0] != letter }), blanks.count > 0 {
                        blank = b
                        if blanks.count > 1 {
                            report(value, "say which blank option '\(letter)' goes in: add blank: N (the code has \(blanks.count) blanks)")
                            blank = nil
                        }
                    }
                    if let answers, let b = blank, answers[b] == letter {
                        report(value, "option '\(letter)' is the answer for blank [\(b)]; claims are for wrong options")
                        blank = nil
                    }
                    // The claim without its `blank:` (a repeated `blank:` stays, for `fields` to report).
                    let rest = m.pairs.filter { $0.key.scalar?.string != "blank" || $0.key.scalar?.repeatsKeyOnLine != nil }
                    let e = expectation(.mapping(Node.Mapping(pairs: rest, position: m.position)), allowAnswer: false, at: value)
                    guard let b = blank, let e else { ok = false; continue }
                    claims.append(RunSpec.OptionClaim(letter: letter, blank: b, expect: e, position: key.position))
                }
            } else { ok = false }
        }
        guard ok, let prelude, let then else { return nil }
        return RunSpec(prelude: prelude, code: runCode ?? nil, then: then, expect: expect, options: claims,
                       position: node.position)
    }

    /// `{runs: true}`, `{raises: "Type: message"}`, `{prints: "…"}` or (questions) `{prints_answer: true}`.
    func expectation(_ node: Node, allowAnswer: Bool, at: Node? = nil) -> RunSpec.Expectation? {
        let keys = allowAnswer ? Self.expectKeys : Self.expectKeys.filter { $0 != "prints_answer" }
        guard let f = fields(node, of: "an expectation", allowed: keys, required: []) else { return nil }
        guard f.count == 1, let (key, value) = f.first else {
            report(at ?? node, "an expectation has exactly one of \(keys.joined(separator: ", "))")
            return nil
        }
        switch key {
        case "runs", "prints_answer":
            guard let b = bool(value, key) else { return nil }
            guard b else { report(value, "'\(key)' can only be true (say what happens instead with raises or prints)"); return nil }
            return key == "runs" ? .runs : .printsAnswer
        case "raises": return text(value, "raises", allowTabs: true).map { .raises($0) }
        default: return text(value, "prints", allowEmpty: true).map { .prints($0) }
        }
    }
}
