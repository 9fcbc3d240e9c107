import Testing
@testable import TutorCore

@Suite struct ChoiceAndModesUpdateTests {
    @Test func enterOnALessonOpensTheChooserOnTheFirstModeWithContent() {
        var state = State(lessons: [SeedLesson.lesson], size: Size(width: 80, height: 24))
        state.send(.enter)
        guard case .modes(let chooser) = state.screen else { Issue.record("no chooser"); return }
        #expect(Mode.listed[chooser.selected] == .intro)
        state.send(.down, .down, .down, .down, .enter)
        #expect(state.choice?.questionIndex == 0)
        state.send(.char("q"))
        state.send(.char("q"))
        guard case .menu = state.screen else { Issue.record("not back at the menu"); return }
    }

    @Test func modesWithoutContentCannotBeOpened() {
        var lesson = SeedLesson.lesson
        lesson.practice = nil
        (lesson.intro, lesson.why, lesson.deep, lesson.challenge, lesson.review, lesson.test) = (nil, nil, nil, nil, nil, nil)
        lesson.visualize = nil
        lesson.playground = nil
        var state = State(lessons: [lesson], size: Size(width: 80, height: 24))
        state.send(.enter, .down, .enter)
        #expect(state.fill != nil)  // the cursor stayed on Try: the rest is dimmed
        state.send(.escape)
        state.click(.modeItem(4))
        guard case .modes(let chooser) = state.screen else { Issue.record("left the chooser"); return }
        #expect(Mode.listed[chooser.selected] == .try)
    }

    @Test func answeringPractice3WronglyShowsTheWorkedSolution() {
        var state = SeedLesson.state(.practice, task: 2)
        state.send(.char("a"))
        #expect(state.choice?.selected == 0)
        #expect(state.choice?.answered == nil)
        state.send(.enter)
        #expect(state.choice?.answered == "A")
        #expect(state.choice?.isCorrect == false)
        state.send(.char("c"), .enter)
        #expect(state.choice?.answered == "A")  // one answer per question
    }

    @Test func arrowsThenEnterAnswersRightly() {
        var state = SeedLesson.state(.practice, task: 0)
        state.send(.down, .enter)
        #expect(state.choice?.isCorrect == true)
        _ = state.update(.layout(scrollLimit: 5))
        state.send(.down, .down)
        #expect(state.choice?.scroll == 2)
        state.send(.char("n"))
        #expect(state.choice?.questionIndex == 1)
        #expect(state.choice?.answered == nil)
    }

    @Test func clickSelectsAndSecondClickAnswers() {
        var state = SeedLesson.state(.practice, task: 4)
        state.click(.choice(3))
        #expect(state.choice?.selected == 3 && state.choice?.answered == nil)
        state.click(.choice(3))
        #expect(state.choice?.answered == "D" && state.choice?.isCorrect == true)
    }

    @Test func helpListsTheKeysOfTheScreen() {
        var state = SeedLesson.state(.try)
        state.send(.char("?"))
        #expect(state.showsHelp)
        #expect(state.screen.help.contains(HelpEntry("Backspace Del", "empty the focused blank")))
    }
}
