/// "Choose your learning style": the lesson's modes with their minutes.
public struct ModeChooserState: Sendable, Equatable {
    public var lessonIndex: Int
    /// Index into `Mode.listed`.
    public var selected: Int

    public init(lessonIndex: Int, selected: Int = 0) {
        self.lessonIndex = lessonIndex
        self.selected = selected
    }
}

extension Mode {
    /// The modes the chooser lists, in order: the ones this build can open. A mode is listed only
    /// once its screen really works (playground waits for the snippet runner).
    public static let listed: [Mode] = [.intro, .why, .deep, .try, .practice, .challenge, .review, .visualize, .test, .playground]

    /// What the chooser says a mode is for.
    public var blurb: String {
        switch self {
        case .intro: "syntax and examples"
        case .why: "the big idea, before and after"
        case .deep: "the mental model and the cell"
        case .try: "fill in the blanks"
        case .practice: "multiple choice, worked solutions"
        case .challenge: "timed problems"
        case .review: "recall cards"
        case .visualize: "watch the RNN unroll"
        case .test: "10 questions: is this pattern strong?"
        case .playground: "run the snippets"
        }
    }
}
