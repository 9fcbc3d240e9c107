import Foundation
import RNNEngine

/// The whole tutor as a value. `update` changes it; `render` draws it. No file, clock or terminal
/// call happens here: those are `Effect`s the runtime performs.
public struct State: Sendable {
    /// The course in order, as loaded at start.
    public var lessons: [Lesson]
    /// The screens the learner walked through; the last one is on screen. Never empty.
    public var route: [Screen]
    /// The key help of the current screen is shown over it.
    public var showsHelp = false
    /// One sentence at the bottom (a save that failed, a lesson that would not load, …).
    public var status: String?
    /// A passing remark of the screen on top (`Command.note`), shown when there is no `status`.
    public var note: String?
    public var size: Size
    public var settings: Settings
    /// How far the current screen can scroll, as the last frame measured it (the runtime reports it
    /// with `Msg.layout`), so scrolling stops at the end instead of piling up unseen.
    public var scrollLimit = 0
    /// The first row of the screen's content the last frame drew (`Msg.layout`): scrolling goes on from
    /// what the learner sees.
    public var scrollOffset = 0
    /// The learner's progress as last loaded or saved; screens read it to mark solved and missed
    /// items. `apply` applies recorded events here at once and asks the runtime to save them.
    public var progress = LearnerProgress()
    /// The injected clock: the runtime sets it before each message, tests set it by hand, so
    /// `update` never reads the system clock.
    public var now = Date(timeIntervalSince1970: 0)
    /// The state_dicts of lessons' `visualize` sections (lesson id → tensors), read at the edge.
    public var visualizeWeights: [String: [String: Tensor]] = [:]
    /// Preview: the problems of the lesson file as last saved; shown instead of the screen until fixed.
    public var lessonProblems: [String] = []
    /// Preview: the task number being typed after `g` (nil when not going anywhere).
    public var goto: String?
    /// The learner's time zone: review due days and the streak count local calendar days. The runtime
    /// sets the system's; tests keep UTC so their days do not depend on the machine.
    public var timeZone = TimeZone(identifier: "UTC")!
    /// Screen-reader mode: what the last update changed, said in one short line (`Announcer`); the
    /// renderer puts it in the fixed status row. Nil until something is announced.
    public var announcement: String?

    public init(lessons: [Lesson], size: Size, settings: Settings = Settings()) {
        self.lessons = lessons
        self.size = size
        self.settings = settings
        self.route = [.menu(MenuState())]
    }

    /// The screen on top of the route.
    public var screen: Screen {
        get { route[route.count - 1] }
        set { route[route.count - 1] = newValue }
    }
}

/// How the learner asked the tutor to look.
public struct Settings: Sendable, Equatable {
    /// Plain ASCII lines and marks instead of box drawing and Unicode symbols.
    public var ascii: Bool
    /// Instructor preview: answers shown on every task, nothing recorded.
    public var preview: Bool
    /// Screen-reader mode (`--screen-reader`, `UNROLL_SCREEN_READER=1`): the terminal cursor on the
    /// focused element, a linear layout without box drawing or bars, and every change announced in
    /// a fixed status row.
    public var screenReader: Bool
    public init(ascii: Bool = false, preview: Bool = false, screenReader: Bool = false) {
        self.ascii = ascii
        self.preview = preview
        self.screenReader = screenReader
    }
}
