import Foundation
import TutorCore
import TutorStore

/// Sends xAPI statements in the background while the tutor runs. Each recorded event becomes statements
/// (`XAPIStatement.statements(for:…)`, pure) that are written to the spool next to the progress file at
/// once; a thread of its own sends the spool to the LRS and removes what the LRS took. The UI thread only
/// writes the spool (a small file, as it writes progress): it never waits on the network, so an LRS that
/// is down, slow or refusing changes nothing in the tutor. A failed send is retried after 1, 2, 4… up to
/// `maximumDelay` seconds, and at once when a new statement is recorded; the spool drains when the LRS
/// comes back. Ids are UUIDs made here, so a statement sent twice (a crash between the LRS's answer and
/// the spool's update) is stored once.
///
/// ```swift
/// let relay = LRSRelay(client: client, spool: StatementSpool(progressPath: store.path), actor: .learner("ada"), course: course)
/// relay.start()                         // drains what earlier sessions left
/// relay.record(event, before: old, after: new)
/// let left = relay.finish(within: 2)     // on quit: one last bounded try
/// ```
public final class LRSRelay: @unchecked Sendable {
    /// What is left after `finish`.
    public struct Status: Sendable, Equatable {
        public var queued: Int
        public var lastError: String?
    }

    public let spool: StatementSpool
    public let client: LRSClient
    let actor: XAPIAgent
    let course: XAPICourse
    /// The longest wait between retries.
    public var maximumDelay: TimeInterval = 15

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var wake = true
    private var running = false
    private var passesStarted = 0
    private var passesDone = 0
    private var retryAt: Date?
    private var delay: TimeInterval = 1
    private var lastError: String?
    /// Statements the spool could not take (a full disk); written with the next record.
    private var unspooled: [XAPIStatement] = []

    public init(client: LRSClient, spool: StatementSpool, actor: XAPIAgent, course: XAPICourse) {
        self.client = client
        self.spool = spool
        self.actor = actor
        self.course = course
    }

    /// Starts the sending thread; it first sends what earlier sessions left in the spool.
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        let thread = Thread { [self] in self.loop() }
        thread.name = "unroll-lrs"
        thread.start()
    }

    /// Called by the runtime for every recorded event, on the UI thread: builds its statements and
    /// spools them, then wakes the sender. Returns at once.
    public func record(_ event: ProgressEvent, before: LearnerProgress, after: LearnerProgress) {
        let statements = XAPIStatement.statements(for: event, before: before, after: after, actor: actor, course: course,
                                                  makeID: { UUID().uuidString.lowercased() })
        condition.lock()
        let pending = unspooled + statements
        unspooled = []
        condition.unlock()
        guard !pending.isEmpty else { return }
        if spool.enqueue(pending) != nil {
            condition.lock()
            unspooled = pending + unspooled
            condition.unlock()
        }
        poke()
    }

    /// Asks for a send now and waits until it is done or `seconds` have passed (quitting: the spool
    /// keeps whatever is not sent, for the next session or `unroll lrs flush`).
    public func finish(within seconds: TimeInterval) -> Status {
        condition.lock()
        let leftover = unspooled
        unspooled = []
        condition.unlock()
        if !leftover.isEmpty, spool.enqueue(leftover) != nil {
            condition.lock()
            unspooled = leftover + unspooled
            condition.unlock()
        }
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        let target = passesStarted + 1
        wake = true
        condition.broadcast()
        while passesDone < target, running, condition.wait(until: deadline) {}
        let error = lastError
        let memory = unspooled.count
        condition.unlock()
        var queued = memory
        if case .statements(let q) = spool.read() { queued += q.count }
        return Status(queued: queued, lastError: error)
    }

    private func poke() {
        condition.lock()
        wake = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while !wake {
                if let retryAt {
                    if !condition.wait(until: retryAt) { break }
                } else {
                    condition.wait()
                }
            }
            wake = false
            passesStarted += 1
            let pass = passesStarted
            condition.unlock()

            let failure = drain()

            condition.lock()
            passesDone = pass
            lastError = failure
            if failure != nil {
                retryAt = Date().addingTimeInterval(delay)
                delay = min(delay * 2, maximumDelay)
            } else {
                retryAt = nil
                delay = 1
            }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Sends until the spool is empty or sending fails; returns why it failed.
    private func drain() -> String? {
        while true {
            let queue: [SpooledStatement]
            switch spool.read() {
            case .statements(let q): queue = q
            case .damaged(let why):
                // Moved aside by the spool's next write; nothing in it can be sent.
                if let problem = spool.repair() { return problem }
                return "the spool \(spool.path.path) was damaged (\(why)); it was moved aside"
            case .unreadable(let message): return message
            }
            if queue.isEmpty { return nil }
            let report = client.deliver(queue)
            if let problem = spool.remove(ids: report.sent) { return problem }
            if let problem = spool.reject(report.rejected) { return problem }
            if let failure = report.failure { return failure }
        }
    }
}
