/// One lesson: a topic taught through up to ten learning modes, decoded from one YAML file.
///
/// The menu needs only `id` and `title`; the lesson screens read the mode sections.
/// Every item (task, question, card, snippet) has an `id` unique within the lesson;
/// progress is keyed by `lesson.id` + item id, never by position.
///
/// ```swift
/// let (lesson, problems) = LessonDecoder.decodeLesson(yaml: text, file: "01.yaml")
/// for mode in lesson?.modes ?? [] { print(mode.title, lesson!.minutes(for: mode)!) }
/// ```
public struct Lesson: Sendable, Equatable {
    /// The format this file was written in (see `LessonFormat.supportedVersions`).
    public var formatVersion: Int
    /// Stable id: progress is keyed by it. Lowercase words joined by `-`.
    public var id: String
    public var title: String
    /// The subject area shown next to the title, e.g. "PyTorch".
    public var topic: String

    public var intro: Page?
    public var why: Page?
    public var deep: Page?
    /// The `try` mode (fill-in-blank tasks); `try` is a Swift keyword, hence the name.
    public var tryIt: TrySection?
    public var practice: PracticeSection?
    public var challenge: ChallengeSection?
    public var review: ReviewSection?
    public var visualize: VisualizeSection?
    public var test: TestSection?
    public var playground: PlaygroundSection?

    /// A lesson with no content yet: what the menu and tests that only need a title build.
    public init(id: String, title: String, topic: String = "", formatVersion: Int = LessonFormat.currentVersion) {
        self.formatVersion = formatVersion
        self.id = id
        self.title = title
        self.topic = topic
    }

    /// The modes that have content, in the canonical order of `Mode.allCases`.
    public var modes: [Mode] { Mode.allCases.filter { minutes(for: $0) != nil } }

    /// Estimated minutes for a mode, or nil when the lesson has no such section.
    public func minutes(for mode: Mode) -> Int? {
        switch mode {
        case .intro: intro?.minutes
        case .why: why?.minutes
        case .deep: deep?.minutes
        case .try: tryIt?.minutes
        case .practice: practice?.minutes
        case .challenge: challenge?.minutes
        case .review: review?.minutes
        case .visualize: visualize?.minutes
        case .test: test?.minutes
        case .playground: playground?.minutes
        }
    }

    /// The sum of the minutes of every mode present.
    public var totalMinutes: Int { modes.compactMap { minutes(for: $0) }.reduce(0, +) }

    /// The page of a page mode (intro, why, deep); nil for other modes or when absent.
    public func page(for mode: Mode) -> Page? {
        switch mode {
        case .intro: intro
        case .why: why
        case .deep: deep
        case .try, .practice, .challenge, .review, .visualize, .test, .playground: nil
        }
    }

    /// Every gradable item in the lesson: try tasks, practice questions, challenge items, in that order.
    public var gradableItems: [LessonItem] {
        (tryIt?.tasks.map(LessonItem.fill) ?? [])
            + (practice?.questions.map(LessonItem.choice) ?? [])
            + (challenge?.items.map { $0.item } ?? [])
    }

    /// A try task, practice question or challenge item by its id.
    public func item(id: String) -> LessonItem? { gradableItems.first { $0.id == id } }

    /// The items of the `test` mode, resolved in the listed order (the checker guarantees they exist).
    public var testItems: [LessonItem] { (test?.itemIDs ?? []).compactMap { item(id: $0) } }

    /// Every id used in the lesson (items, review cards, playground snippets): unique by construction.
    public var allItemIDs: [String] {
        gradableItems.map(\.id) + (review?.cards.map(\.id) ?? []) + (playground?.snippets.map(\.id) ?? [])
    }
}

/// The format versions this build reads.
public enum LessonFormat {
    public static let currentVersion = 1
    public static let supportedVersions: Set<Int> = [1]
}

/// The ten learning modes, in the order the lesson screen lists them.
public enum Mode: String, Sendable, CaseIterable, Equatable, Hashable {
    case intro, why, deep, `try`, practice, challenge, review, visualize, test, playground

    /// The name a screen shows.
    public var title: String {
        switch self {
        case .intro: "Intro"
        case .why: "Why"
        case .deep: "Deep dive"
        case .try: "Try"
        case .practice: "Practice"
        case .challenge: "Challenge"
        case .review: "Review"
        case .visualize: "Visualize"
        case .test: "Test"
        case .playground: "Playground"
        }
    }
}

public enum Difficulty: String, Sendable, CaseIterable, Equatable, Hashable, Comparable {
    case easy, medium, hard

    public static func < (a: Difficulty, b: Difficulty) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

// MARK: - Pages (intro, why, deep)

/// A page is a list of blocks a screen renders top to bottom.
public struct Page: Sendable, Equatable {
    public var minutes: Int
    public var blocks: [Block]

    public init(minutes: Int, blocks: [Block]) {
        self.minutes = minutes
        self.blocks = blocks
    }
}

/// One block of a page. Text is plain (no markup); `code` and `diagram` are shown verbatim in a
/// fixed-width font and never wrapped; `list` is a bulleted list.
public enum Block: Sendable, Equatable {
    case heading(String)
    case text(String)
    case code(String)
    case diagram(String)
    case list([String])
}

// MARK: - Sections

public struct TrySection: Sendable, Equatable {
    public var minutes: Int
    public var tasks: [FillTask]
    public init(minutes: Int, tasks: [FillTask]) { self.minutes = minutes; self.tasks = tasks }
}

public struct PracticeSection: Sendable, Equatable {
    public var minutes: Int
    public var questions: [ChoiceQuestion]
    public init(minutes: Int, questions: [ChoiceQuestion]) { self.minutes = minutes; self.questions = questions }
}

public struct ChallengeSection: Sendable, Equatable {
    public var minutes: Int
    public var items: [ChallengeItem]
    public init(minutes: Int, items: [ChallengeItem]) { self.minutes = minutes; self.items = items }
}

public struct ReviewSection: Sendable, Equatable {
    public var minutes: Int
    public var cards: [ReviewCard]
    public init(minutes: Int, cards: [ReviewCard]) { self.minutes = minutes; self.cards = cards }
}

/// The `test` mode: ids of try tasks, practice questions or challenge items (10, covering every difficulty).
public struct TestSection: Sendable, Equatable {
    public static let requiredCount = 10
    public var minutes: Int
    public var itemIDs: [String]
    public init(minutes: Int, itemIDs: [String]) { self.minutes = minutes; self.itemIDs = itemIDs }
}

public struct PlaygroundSection: Sendable, Equatable {
    public var minutes: Int
    public var snippets: [Snippet]
    public init(minutes: Int, snippets: [Snippet]) { self.minutes = minutes; self.snippets = snippets }
}

/// A snippet to run in the playground. `unroll check` runs it: it must run, or raise exactly `raises`
/// (a snippet that shows an error says which).
public struct Snippet: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var code: String
    public var raises: String?
    public var position: SourcePosition
    public init(id: String, title: String, code: String, raises: String? = nil, position: SourcePosition = SourcePosition(line: 1, column: 1)) {
        self.id = id; self.title = title; self.code = code; self.raises = raises; self.position = position
    }
}

/// A recall card: the learner answers in their head, then flips it.
public struct ReviewCard: Sendable, Equatable, Identifiable {
    public var id: String
    public var prompt: String
    public var answer: String
    /// Where the lesson teaches it (`teaches:`): offered when the card keeps being forgotten.
    public var teaches: TeachesLink?
    public init(id: String, prompt: String, answer: String, teaches: TeachesLink? = nil) {
        self.id = id; self.prompt = prompt; self.answer = answer; self.teaches = teaches
    }
}
