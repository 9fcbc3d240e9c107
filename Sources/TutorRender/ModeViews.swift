import Foundation
import TutorCore

/// The test: the item on screen, then the result page: the score, the lesson's mastery, each answer
/// beside the right one, and the missed items with their code, options and solutions.
enum TestView {
    static func render(_ test: TestState, mastery: Mastery, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        guard test.isFinished else {
            let header = [Span("Test this pattern", .title),
                          Span(" · question \(test.index + 1) of \(test.items.count) · one attempt, no hints", .dim)]
            ItemWorkView.render(test.work, header: header, hints: false, into: &buffer, area: area, glyphs: glyphs)
            return
        }
        var doc = Doc(width: area.width - 2)
        doc.line([Span("Test this pattern", .title), Span(" · result", .dim)])
        doc.gap()
        let percent = test.items.isEmpty ? 0 : test.score * 100 / test.items.count
        doc.line([Span("Score: \(glyphs.count(test.score, of: test.items.count)) (\(percent) %)", .bold)])
        doc.line(MasteryView.line(mastery))
        doc.gap()
        ResultList.render(items: test.items, results: test.results, answers: test.answers, start: 0, into: &doc, glyphs: glyphs)
        let missed = zip(test.items.indices, test.results).filter { !$0.1 }.map(\.0)
        if missed.isEmpty {
            doc.gap()
            doc.paragraph("Every question right.", .good, first: glyphs.check + " ")
        } else {
            doc.gap()
            doc.line([Span("Missed (\(missed.count)), with their solutions:", .bold)])
            for i in missed {
                doc.gap()
                doc.line([Span("\(glyphs.cross) \(i + 1). ", .bad), Span(test.items[i].difficulty.rawValue, .dim)])
                ItemWorkView.solution(test.items[i], given: test.answers.indices.contains(i) ? test.answers[i] : nil, into: &doc, glyphs: glyphs)
            }
        }
        doc.gap()
        doc.line([Span("r take it again · q back", .dim)])
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: test.scroll)
    }
}

/// One line per item of a result: right or wrong, its number and title, and (wrong) the learner's
/// answer beside the right one.
enum ResultList {
    static func render(items: [LessonItem], results: [Bool], answers: [ItemWork], start: Int, into doc: inout Doc, glyphs: Glyphs) {
        for (n, right) in results.enumerated() {
            let i = start + n
            guard items.indices.contains(i) else { continue }
            let lead = "\(glyphs.verdict(right)) \(i + 1). "
            doc.line([Span(lead, right ? .good : .bad), Span(DisplayWidth.truncate(items[i].title, to: max(8, doc.measureWidth - DisplayWidth.of(lead)), ellipsis: glyphs.ellipsis))])
            if !right, answers.indices.contains(n) {
                let pad = String(repeating: " ", count: DisplayWidth.of(lead))
                doc.paragraph(ItemWorkView.givenText(answers[n]), .bad, first: pad + "yours: ", firstStyle: .dim)
                doc.paragraph(ItemWorkView.rightText(items[i]), .good, first: pad + "right: ", firstStyle: .dim)
            }
        }
    }
}

/// The challenge: a countdown and attempts above the item; after it, the outcome with its feedback and
/// solution (the last one too); at the end, the score, the lesson's mastery and each answer.
enum ChallengeView {
    static func render(_ challenge: ChallengeState, now: Date, mastery: Mastery, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        if challenge.isFinished {
            var doc = Doc(width: area.width - 2)
            doc.line([Span("Challenge", .title), Span(" · result", .dim)])
            doc.gap()
            doc.line([Span("Score: \(glyphs.count(challenge.score, of: challenge.results.count))", .bold)])
            doc.line(MasteryView.line(mastery))
            if challenge.allRight {
                doc.paragraph("Every challenge right, in time.", .good, first: glyphs.check + " ")
            } else {
                doc.paragraph("Not every challenge right yet: r tries them again.", Style(color: .warn, bold: true))
            }
            doc.gap()
            ResultList.render(items: challenge.items.map(\.item), results: challenge.results, answers: challenge.answers,
                              start: challenge.start, into: &doc, glyphs: glyphs)
            doc.gap()
            doc.line([Span("r try again · q back", .dim)])
            doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: challenge.scroll)
            return
        }
        let left = challenge.outcome == .working ? challenge.secondsLeft(at: now) : max(0, challenge.secondsLeft(at: now))
        let attempts: Int = switch challenge.work {
        case .fill(let f): f.attemptsLeft
        case .choice: challenge.choiceAttemptsLeft
        }
        var header = [Span("Challenge \(glyphs.count(challenge.index + 1, of: challenge.items.count))", .title)]
        if challenge.outcome == .working {
            header.append(Span(" · "))
            header.append(Span("time \(ChallengeState.clock(left))", left <= 10 ? .bad : .bold))
            header.append(Span(" · attempts \(attempts)", .dim))
        } else {
            header.append(Span(" · " + outcomeWord(challenge.outcome), challenge.outcome == .solved ? .good : .bad))
            header.append(Span(challenge.isLast ? " · Enter: the result" : " · n next", .dim))
        }
        ItemWorkView.render(challenge.work, header: header, hints: true, into: &buffer, area: area, glyphs: glyphs)
    }

    static func outcomeWord(_ outcome: ChallengeState.Outcome) -> String {
        switch outcome {
        case .working: ""
        case .solved: "solved"
        case .missed: "missed"
        case .timedOut: "time is up"
        }
    }
}
