import Foundation

/// Everything that can happen to the tutor. The runtime turns terminal input, clock ticks and the
/// results of effects into these; `State.update` is the only thing that reads them.
public enum Msg: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// Text the terminal delivered as one paste (bracketed paste), as it came: the screen that takes
    /// text puts it in as it is; no other screen acts on it, so a paste is never a storm of keys.
    case paste(String)
    case resize(Size)
    /// A clock tick the state asked for with `Effect.startTimer`.
    case tick(Date)
    /// The last frame's measure of how far the screen can scroll, and how far it was scrolled as drawn
    /// (a view may scroll further than asked to keep a focused row in view).
    case layout(scrollLimit: Int, scrollOffset: Int = 0)
    /// A side effect could not be done; the sentence goes to the status line.
    case notice(String)
    /// The runtime ran a playground snippet: what it printed (stdout, then any traceback), and which
    /// interpreter ran it ("MiniPy", or "python3.11 + torch 2.15.0" under `--python`).
    case snippetRan(output: String, failed: Bool, modules: [Int: VisualizerConfig] = [:], runtime: String = "MiniPy")
    /// Preview: the previewed lesson file changed on disk and decoded cleanly.
    case lessonReloaded(Lesson)
    /// Preview: the previewed lesson file changed and has problems (the `unroll check` lines).
    case lessonBroken([String])
}
