import Foundation

/// What a screen's `update` asks for, as a value. Screens never change the route, the progress or the
/// status line themselves: they return commands, and `State.apply(_:)` is the one place that carries
/// them out, so nothing a screen asks for can be overwritten or forgotten on the way.
public enum Command: Sendable, Equatable {
    /// Where an opened screen goes: on top of the route, or in place of the screen on top.
    public enum Placement: Sendable, Equatable {
        case push
        case replace
    }

    /// Put a screen on top of the route.
    case push(Screen)
    /// Put a screen in place of the one on top (the next task, the test taken again).
    case replace(Screen)
    /// Leave the screen on top; leaving the last one (the menu) quits.
    case pop
    /// Open a mode of a lesson at a task (0-based): built by `ScreenContext.opening`, with what opening
    /// it records. Nothing happens when the lesson has no such mode.
    case open(Mode, lessonIndex: Int, task: Int, Placement)
    /// Go to another lesson's chooser: the route becomes the menu (on that lesson) and its chooser.
    case openLesson(Int)
    /// Save one progress event: applied to `State.progress` at once and handed to the runtime to write.
    /// Preview records nothing.
    case record(ProgressEvent)
    /// The one sentence at the bottom for something the learner must not miss (a save that failed, a
    /// file moved aside); nil clears it.
    case status(String?)
    /// A passing remark about the screen ("Fill every blank first", where an option went): shown when
    /// there is no status sentence, never over one; nil clears it, and so does any change of screen.
    case note(String?)
    /// Show the key help of the screen on top.
    case showHelp
    /// Deliver `Msg.tick` every `interval` seconds until `stopTimer`.
    case startTimer(interval: TimeInterval)
    case stopTimer
    /// Run a playground snippet at the edge; the runtime answers with `Msg.snippetRan`.
    case runSnippet(String)
}
