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
    /// Called with the state each time `update` has run, before its effects are performed (tests: the
    /// progress the tutor holds is compared with the file it saved; see Tests/e2e/check_progress.py).
    public var afterUpdate: ((State) -> Void)?
    /// What `State.now` is set from (`UNROLL_NOW` in tests); timers still run on the system clock.
    public var clock = Clock()
    /// With `--lrs`: each recorded event also becomes xAPI statements, spooled and sent in the background.
    public var lrs: LRSRelay?

    public init(state: State, terminal: Terminal, store: ProgressStore?) {
        self.state = state
        self.terminal = terminal
        self.store = store
    }

    /// Runs until the learner quits, input ends or a signal arrives.
    /// - Returns: the exit status (0, or 128 + the signal).
    public mutating func run() -> Int32 {
        defer { snippetSandbox?.shutdown() }
        if let status = send(.resize(terminal.size)) { return status }
        for effect in initialEffects { if let status = perform(effect) { return status } }
        while true {
            let frame = Renderer.render(state)
            terminal.draw(frame)
            if frame.scrollLimit != state.scrollLimit || frame.scrollOffset != state.scrollOffset,
               let status = send(.layout(scrollLimit: frame.scrollLimit, scrollOffset: frame.scrollOffset)) { return status }
            let due = [nextTick, watcher?.nextCheck].compactMap { $0 }.min()
            let timeout = due.map { max(0, Int(($0.timeIntervalSinceNow * 1000).rounded(.up))) }
            let msg: Msg
            switch deferred.isEmpty ? terminal.nextEvent(timeout: timeout) : deferred.removeFirst() {
            case .key(let key):
                msg = .key(key)
            case .mouse(let kind, let column, let row):
                msg = .mouse(MouseEvent(kind: kind, column: column, row: row, target: frame.hit(column: column, row: row)))
            case .paste(let text):
                msg = .paste(text)
            case .resize(let size):
                msg = .resize(size)
            case .timeout:
                if let changed = watcher?.poll() {
                    msg = changed
                    break
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
            if let status = send(msg) { return status }
        }
    }

    /// The one path from a message to the screen: the clock is read, `update` runs, and every effect it
    /// returns is performed in order (an effect's own answer, such as a snippet's output, comes back
    /// through here too). Returns an exit status when an effect ends the program.
    private mutating func send(_ msg: Msg) -> Int32? {
        state.now = clock.now()
        let effects = state.update(msg)
        afterUpdate?(state)
        for effect in effects {
            if let status = perform(effect) { return status }
        }
        return nil
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
            if let status = send(.snippetRan(output: run.result.output, failed: run.result.failed, modules: run.modules,
                                             runtime: run.result.runtime ?? "MiniPy")) {
                return status
            }
            // The output first, then the next worker starts while the learner reads it.
            terminal.draw(Renderer.render(state))
            snippetSandbox?.prepare()
        case .record(let event):
            guard let store else { break }
            // While another Unroll holds the lock the status line says so, and Ctrl-C stops the wait.
            // The notice is drawn inside the wait, so its effects (none today) are performed after it.
            var waitingEffects: [Effect] = []
            let before = store.progress
            let save = SaveExecution.record(event, store: store, terminal: terminal, wait: !stoppedWaitingForLock) {
                state.now = clock.now()
                waitingEffects += state.update(.notice(SaveExecution.waiting))
                afterUpdate?(state)
                terminal.draw(Renderer.render(state))
            }
            if save.stopped {
                stoppedWaitingForLock = true
                deferred = save.deferred
            } else {
                deferred += save.deferred
            }
            for effect in waitingEffects { if let status = perform(effect) { return status } }
            let outcome = save.outcome
            // The store's copy holds what another instance wrote too; the screens show that.
            state.progress = store.progress
            lrs?.record(event, before: before, after: state.progress)
            if save.savedAfterWaiting, let status = send(.notice(SaveExecution.savedAfterWait)) { return status }
            if let announcement = outcome.announcement { return send(.notice(announcement)) }
        }
        return nil
    }
}
