import Foundation

extension XAPIStatement {
    /// The statements one recorded event stands for. Pure: the runtime passes the progress before and
    /// after the event (a mode is completed by the answer that ends its last open item) and a maker of
    /// statement ids (UUIDs, so a retry is idempotent).
    ///
    /// - an answer (try, practice, challenge, test) → `answered` the item: success, the chosen options as
    ///   the response, the blanks right as the score, the seconds as the duration, and Unroll's
    ///   extensions (mode, attempt, grade, chosen, wrong blanks, timed out);
    /// - a review grade → `experienced` the item, success = recalled (Hard, Good, Easy), with the grade;
    /// - a test result → `passed` (a score the tutor rates strong, 80 % and up) or `failed` the lesson's
    ///   test mode, with the score;
    /// - a challenge result → `completed` the challenge mode, with the score;
    /// - the answer that leaves every task of try (or every question of practice) solved or missed for
    ///   the first time → `completed` that mode, with the share solved.
    /// Hints, mistakes and solutions seen, the resume point and resets are not sent.
    public static func statements(for event: ProgressEvent, before: LearnerProgress, after: LearnerProgress,
                                  actor: XAPIAgent, course: XAPICourse, makeID: () -> String) -> [XAPIStatement] {
        let make = Maker(actor: actor, course: course)
        switch event {
        case let .attempt(lesson, item, answer):
            guard answer.mode != .v1 else { return [] }
            return [make.answered(lesson: lesson, item: item, answer: answer, id: makeID())]
                + make.completions(lesson: lesson, item: item, before: before, after: after, at: answer.at, makeID: makeID)
        case let .missed(lesson, item, at):
            // A miss follows the final wrong answer, which was sent; it can complete a mode.
            return make.completions(lesson: lesson, item: item, before: before, after: after, at: at, makeID: makeID)
        case let .reviewed(lesson, item, grade, seconds, at):
            return [make.reviewed(lesson: lesson, item: item, grade: grade, seconds: seconds, at: at, id: makeID())]
        case let .testScore(lesson, score, total, at):
            // Passed where the tutor's rating says strong (80 %).
            let passed = total > 0 && Mastery.level(Double(score) / Double(total)) == .strong
            return [make.modeResult(verb: passed ? .passed : .failed, lesson: lesson, mode: .test, score: score, total: total,
                                    success: passed, at: at, id: makeID())]
        case let .challengeScore(lesson, score, total, at):
            return [make.modeResult(verb: .completed, lesson: lesson, mode: .challenge, score: score, total: total,
                                    success: nil, at: at, id: makeID())]
        case .hintSeen, .mistakesSeen, .solutionSeen, .leftOff, .reset:
            return []
        }
    }

    /// Builds the parts every statement shares.
    private struct Maker {
        let actor: XAPIAgent
        let course: XAPICourse

        func context(lesson: String) -> XAPIContext {
            let title = course.lessons[lesson]?.title
            let parent = XAPIActivity(id: XAPI.lessonIRI(lesson), definition: .init(
                type: "http://adlnet.gov/expapi/activities/lesson", name: title.map { ["en-US": $0] }))
            let grouping = XAPIActivity(id: XAPI.courseIRI, definition: .init(
                type: "http://adlnet.gov/expapi/activities/course", name: ["en-US": "Unroll"]))
            return XAPIContext(platform: "Unroll", contextActivities: .init(parent: [parent], grouping: [grouping]))
        }

        func itemActivity(lesson: String, item: String, kind: ProgressOutline.Kind?) -> XAPIActivity {
            let interaction: String?
            switch kind {
            case .fill: interaction = "fill-in"
            case .choice: interaction = "choice"
            case .card, nil: interaction = nil
            }
            return XAPIActivity(id: XAPI.itemIRI(lesson: lesson, item: item), definition: .init(
                type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: interaction))
        }

        func answered(lesson: String, item: String, answer: Answer, id: String) -> XAPIStatement {
            let kind = course.lessons[lesson]?.kinds[item]
            // A task scores its blanks right, a question 1 or 0.
            var score: XAPIResult.Score?
            if let chosen = answer.chosen, !chosen.isEmpty {
                let correct = answer.correct == true
                if kind == .choice || (kind == nil && chosen.count == 1) {
                    score = XAPIResult.Score(raw: correct ? 1 : 0, max: 1)
                } else {
                    let wrong = correct ? 0 : (answer.wrongBlanks.isEmpty ? chosen.count : answer.wrongBlanks.count)
                    score = XAPIResult.Score(raw: max(0, chosen.count - wrong), max: chosen.count)
                }
            }
            let result = XAPIResult(
                success: answer.correct,
                response: answer.chosen.map { $0.map { $0 ?? "" }.joined(separator: "[,]") },
                score: score,
                duration: answer.seconds.map(XAPI.duration(seconds:)),
                extensions: XAPIExtensions(mode: answer.mode.rawValue, attempt: answer.attempt, grade: answer.grade?.rawValue,
                                           chosen: answer.chosen, wrongBlanks: answer.wrongBlanks.isEmpty ? nil : answer.wrongBlanks,
                                           timedOut: answer.timedOut ? true : nil))
            return XAPIStatement(id: id, actor: actor, verb: .answered, object: itemActivity(lesson: lesson, item: item, kind: kind),
                                 result: result, context: context(lesson: lesson), timestamp: answer.at.wholeSeconds)
        }

        func reviewed(lesson: String, item: String, grade: Grade, seconds: Int?, at: Date, id: String) -> XAPIStatement {
            let result = XAPIResult(success: grade.isPass, duration: seconds.map(XAPI.duration(seconds:)),
                                    extensions: XAPIExtensions(mode: AnswerMode.review.rawValue, grade: grade.rawValue))
            return XAPIStatement(id: id, actor: actor, verb: .experienced,
                                 object: itemActivity(lesson: lesson, item: item, kind: course.lessons[lesson]?.kinds[item]),
                                 result: result, context: context(lesson: lesson), timestamp: at.wholeSeconds)
        }

        func modeActivity(lesson: String, mode: Mode) -> XAPIActivity {
            let type: String
            switch mode {
            case .test, .challenge: type = "http://adlnet.gov/expapi/activities/assessment"
            case .intro, .why, .deep, .try, .practice, .review, .visualize, .playground: type = "http://adlnet.gov/expapi/activities/module"
            }
            let name = (course.lessons[lesson]?.title).map { ["en-US": "\($0) · \(mode.title)"] }
            return XAPIActivity(id: XAPI.modeIRI(lesson: lesson, mode: mode.rawValue), definition: .init(type: type, name: name))
        }

        func modeResult(verb: XAPIVerb, lesson: String, mode: Mode, score: Int, total: Int, success: Bool?, at: Date, id: String) -> XAPIStatement {
            let result = XAPIResult(success: success, completion: true, score: total > 0 ? .init(raw: min(score, total), max: total) : nil)
            return XAPIStatement(id: id, actor: actor, verb: verb, object: modeActivity(lesson: lesson, mode: mode),
                                 result: result, context: context(lesson: lesson), timestamp: at.wholeSeconds)
        }

        /// `completed` for try and practice when this event finished the last of their items.
        func completions(lesson: String, item: String, before: LearnerProgress, after: LearnerProgress, at: Date,
                         makeID: () -> String) -> [XAPIStatement] {
            guard let modes = course.lessons[lesson]?.modeItems else { return [] }
            var out: [XAPIStatement] = []
            for mode in [Mode.try, Mode.practice] {
                guard let items = modes[mode.rawValue], !items.isEmpty, items.contains(item) else { continue }
                func done(_ p: LearnerProgress) -> Bool {
                    items.allSatisfy { [.solved, .missed].contains(p.status(lesson: lesson, item: $0)) }
                }
                guard !done(before), done(after) else { continue }
                let solved = items.filter { after.status(lesson: lesson, item: $0) == .solved }.count
                out.append(modeResult(verb: .completed, lesson: lesson, mode: mode, score: solved, total: items.count,
                                      success: nil, at: at, id: makeID()))
            }
            return out
        }
    }
}
