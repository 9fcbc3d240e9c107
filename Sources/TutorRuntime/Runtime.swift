import Foundation
import SnippetRunner
import Terminal
import TutorCore
import TutorRender
import TutorStore

/// The event loop: terminal event → Msg → update → effects performed here → render → draw.
/// Everything with a side effect happens in this file or in what it calls. It lives in a library,
/// not the executable, so whole-program tests can run it against a `MemoryTerminal`.
public struct Runtime {
    public private(set) var state: State
    let terminal: Terminal
    /// Where answers are saved; nil when nothing may be written (the instructor preview).
    let store: ProgressStore?
    /// The clock effect: when set, `Msg.tick` is due at `nextTick` and every `interval` after.
    private var interval: TimeInterval?
    private var nextTick: Date?

    /// Preview: the lesson file being watched for saves (nil otherwise).
    public var watcher: LessonWatcher?
    /// Effects to perform before the first frame (opening a challenge from the command line starts its clock).
    public var initialEffects: [Effect] = []
    /// Where playground snippets run: a worker process under kernel limits. nil runs them in this
    /// process (whole-program tests).
    public var snippetSandbox: SnippetSandbox?
    /// Terminal events read while a snippet ran, handled before the next new one.
    private var deferred: [TerminalEvent] = []
    /// The learner stopped a save that was waiting for another Unroll's lock (Ctrl-C): the save on the
    /// way out should not make them wait again.
    public private(set) var stoppedWaitingForLock = false
    /// What `State.now` is set from (`UNROLL_NOW` in tests); timers still run on the system clock.
    public var clock = Clock()

    public init(state: State, terminal: Terminal, store: ProgressStore?) {
        self.state = state
        self.terminal = terminal
        self.store = store
    }

    /// Runs until the learner quits, input ends or a signal arrives.
    /// - Returns: the exit status (0, or 128 + the signal).
    public mutating func run() -> Int32 {
        defer { snippetSandbox?.shutdown() }
        _ = state.update(.resize(terminal.size))
        for effect in initialEffects { if let status = perform(effect) { return status } }
        while true {
            let frame = Renderer.render(state)
            terminal.draw(frame)
            if frame.scrollLimit != state.scrollLimit { _ = state.update(.layout(scrollLimit: frame.scrollLimit)) }
            let due = [nextTick, watcher?.nextCheck].compactMap { $0 }.min()
            let timeout = due.map { max(0, Int(($0.timeIntervalSinceNow * 1000).rounded(.up))) }
            let msg: Msg
            switch deferred.isEmpty ? terminal.nextEvent(timeout: timeout) : deferred.removeFirst() {
            case .key(let key):
                msg = .key(key)
            case .mouse(let kind, let column, let row):
                msg = .mouse(MouseEvent(kind: kind, column: column, row: row, target: frame.hit(column: column, row: row)))
            case .resize(let size):
                msg = .resize(size)
            case .timeout:
                if let changed = watcher?.poll() {
                    state.now = clock.now()
                    _ = state.update(changed)
                    continue
                }
                guard let due = nextTick, let interval, Date() >= due else { continue }
                nextTick = due.addingTimeInterval(interval)
                msg = .tick(clock.now())
            case .signal(let signal):
                terminal.stop()
                return 128 + signal
            case .suspend:
                terminal.suspend()
                continue
            case .endOfInput:
                terminal.stop()
                return 0
            }
            state.now = clock.now()
            for effect in state.update(msg) {
                if let status = perform(effect) { return status }
            }
        }
    }

    /// Performs one effect; returns an exit status when the effect ends the program.
    private mutating func perform(_ effect: Effect) -> Int32? {
        switch effect {
        case .quit:
            terminal.stop()
            return 0
        case .suspend:
            terminal.suspend()
        case .startTimer(let every):
            interval = every
            nextTick = Date().addingTimeInterval(every)
        case .stopTimer:
            interval = nil
            nextTick = nil
        case .runSnippet(let code):
            // The "Running…" frame goes up before the wait; the worker's limits and the clock bound it.
            terminal.draw(Renderer.render(state))
            let run = SnippetExecution.run(code, sandbox: snippetSandbox, terminal: terminal)
            deferred += run.deferred
            _ = state.update(.snippetRan(output: run.result.output, failed: run.result.failed, modules: run.modules,
                                         runtime: run.result.runtime ?? "MiniPy"))
            // The output first, then the next worker starts while the learner reads it.
            terminal.draw(Renderer.render(state))
            snippetSandbox?.prepare()
        case .record(let event):
            guard let store else { break }
            // While another Unroll holds the lock the status line says so, and Ctrl-C stops the wait.
            let save = SaveExecution.record(event, store: store, terminal: terminal, wait: !stoppedWaitingForLock) {
                _ = state.update(.notice(SaveExecution.waiting))
                terminal.draw(Renderer.render(state))
            }
            if save.stopped {
                stoppedWaitingForLock = true
                deferred = save.deferred
            } else {
                deferred += save.deferred
            }
            if save.savedAfterWaiting { _ = state.update(.notice(SaveExecution.savedAfterWait)) }
            let outcome = save.outcome
            // The store's copy holds what another instance wrote too; the screens show that.
            state.progress = store.progress
            if let announcement = outcome.announcement { _ = state.update(.notice(announcement)) }
        }
        return nil
    }
}
