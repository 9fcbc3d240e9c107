import TutorCore

/// Review: one item at a time. A card shows its prompt, then its answer and the grade keys; a task or
/// question shows its Try / Practice screen under a review header. An item missed three times in review
/// (a leech) is marked, with the way back to where the lesson teaches it. At the end, the tally.
enum ReviewView {
    /// The footer: the keys of what is on screen (the grade keys spelled out where they fit).
    static func hints(_ review: ReviewState, lessons: [Lesson], width: Int) -> String {
        if review.isFinished { return "↑↓ scroll · r again · ? help · q back" }
        let source = review.current(in: lessons)?.teaches == nil ? "" : "t source · "
        if review.work != nil {
            return review.pendingGrade == nil ? "answer with the item's keys · Enter check · h hint · \(source)? help · q back"
                : "n next · ↑↓ scroll · \(source)? help · q back"
        }
        guard review.revealed else { return "Space show answer · \(source)? help · q back" }
        return width >= 60 ? "1 Again · 2 Hard · 3 Good · 4 Easy · \(source)? help · q back" : "1-4 grade · \(source)? help · q back"
    }

    static func render(_ review: ReviewState, state: State, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        guard !review.isFinished, let entry = review.current(in: state.lessons) else {
            done(review, state: state, into: &buffer, area: area, glyphs: glyphs)
            return
        }
        let lesson = state.lessons[entry.lessonIndex]
        let schedule = state.progress.schedule(lesson: entry.item.lesson, item: entry.item.item, timeZone: state.timeZone)
        let header = header(review, entry: entry, lesson: lesson, schedule: schedule, glyphs: glyphs)
        if let work = review.work {
            ItemWorkView.render(work, header: header, hints: true, into: &buffer, area: area, glyphs: glyphs)
            return
        }
        guard case .card(let card) = entry.content else { return }
        // A small screen drops the gaps and the note on Again, so the answer, a leech's way back and the
        // grade keys fit in one screen.
        let compact = area.height < 18
        var doc = Doc(width: area.width - 2)
        doc.line(header)
        if !compact { doc.gap() }
        // The cursor (shown in screen-reader mode) sits on the prompt, then on the answer once shown.
        let prompt = doc.count
        doc.paragraph(card.prompt, .bold)
        if !review.revealed { doc.focusRow(prompt) }
        if !compact { doc.gap() }
        if review.revealed {
            let focused = doc.count
            doc.paragraph(card.answer, Style(color: .good), first: "Answer: ", firstStyle: .bold)
            doc.focusRow(focused)
            if !compact { doc.gap() }
        }
        if let schedule, schedule.isLeech {
            leech(schedule.reviewMisses, entry: entry, lesson: lesson, into: &doc)
            if !compact { doc.gap() }
        }
        if review.revealed {
            gradeKeys(into: &doc, compact: compact)
            if schedule?.isLeech != true, let link = entry.teaches {
                if !compact { doc.gap() }
                doc.paragraph(link.label(in: lesson), .dim, first: "t  where it is taught: ", firstStyle: .dim)
            }
        } else {
            doc.paragraph("Answer in your head, then Space shows the answer; you grade your recall 1–4.", .dim)
        }
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: review.scroll)
    }

    /// "Review · 3 of 12 · new · <lesson>", with the leech mark, and once a task's answer is over its grade.
    static func header(_ review: ReviewState, entry: ReviewEntry, lesson: Lesson, schedule: ItemSchedule?, glyphs: Glyphs) -> [Span] {
        let (shown, of) = review.place
        var spans = [Span("Review", .title), Span(" · \(shown) of \(of)", .dim)]
        if schedule?.isLeech == true { spans.append(Span(" · leech", Style(color: .warn, bold: true))) }
        if let grade = review.pendingGrade {
            spans.append(Span(" · graded \(grade.label)", grade == .again ? .bad : .good))
            spans.append(Span(" · n next", .dim))
        } else if entry.item.isNew {
            spans.append(Span(" · new card", .dim))
        } else if review.ahead {
            spans.append(Span(" · ahead of schedule", .dim))
        }
        if case .course = review.scope { spans.append(Span(" · " + lesson.title, .dim)) }
        return spans
    }

    /// The four grades with their keys, and (room permitting) what Again does.
    static func gradeKeys(into doc: inout Doc, compact: Bool) {
        doc.line([Span("How well did you recall it?", .bold)])
        doc.flow([
            (Span("1 Again", .bad), true), (Span("  "), false), (Span("2 Hard", Style(color: .warn, bold: true)), true), (Span("  "), false),
            (Span("3 Good", .good), true), (Span("  "), false), (Span("4 Easy", .title), true),
        ], indent: "  ")
        if !compact { doc.paragraph("Again brings it back later in this session.", .dim) }
    }

    /// A leech: marked, with the way back to where the lesson teaches it.
    static func leech(_ misses: Int, entry: ReviewEntry, lesson: Lesson, into doc: inout Doc) {
        doc.paragraph("missed \(misses) times in review.", Style(color: .warn, bold: true), first: "Leech: ")
        if let link = entry.teaches {
            doc.paragraph(link.label(in: lesson) + ", where it is taught", .bold, first: "  t  opens ")
        } else {
            doc.paragraph("Reread where the lesson teaches it (its Why and Deep dive pages) before grading it again.", .dim)
        }
    }

    /// The tally: the grades given, what came back as Again, the streak and the next review.
    static func done(_ review: ReviewState, state: State, into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        var doc = Doc(width: area.width - 2)
        doc.line([Span("Review", .title), Span(" · done", .dim)])
        doc.gap()
        let counts = Grade.allCases.map { "\(review.count($0)) \($0.label)" }.joined(separator: " · ")
        let focused = doc.count
        doc.paragraph(counts, .bold, first: "Graded \(review.queue.graded.count): ", firstStyle: .bold)
        doc.focusRow(focused)
        if let i = review.lessonIndex { doc.line(MasteryView.line(state.lessons[i].mastery(in: state.progress))) }
        let outlook = state.reviewOutlook
        doc.paragraph("\(outlook.streakText) · \(outlook.learned) learned", first: glyphs.check + " ")
        if outlook.total > 0 {
            doc.paragraph("\(outlook.total) more due today across the course: r here, or v on the menu.", Style(color: .accent))
        } else if let next = outlook.nextDue {
            doc.paragraph("Nothing more is due today; the next review is on \(next).", .dim)
        }
        let again = review.queue.graded.filter { $0.grade == .again }.map(\.item)
        var seen = Set<String>()
        let forgotten = again.filter { seen.insert($0.lesson + "/" + $0.item).inserted }
        if !forgotten.isEmpty {
            doc.gap()
            doc.line([Span("Forgotten at first (due again sooner):", Style(color: .warn, bold: true))])
            for item in forgotten {
                guard let lesson = state.lessons.first(where: { $0.id == item.lesson }) else { continue }
                doc.paragraph(title(of: item.item, in: lesson), first: "  \(glyphs.bullet) ")
            }
        }
        doc.gap()
        doc.line([Span("r review again · q back", .dim)])
        doc.draw(into: &buffer, area: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: area.height), scroll: review.scroll)
    }

    /// A card's prompt or an item's title.
    static func title(of id: String, in lesson: Lesson) -> String {
        if let card = lesson.review?.cards.first(where: { $0.id == id }) { return card.prompt }
        return lesson.item(id: id)?.title ?? id
    }
}
