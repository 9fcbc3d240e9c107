import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The threads `MiniPy.run` runs programs on, kept for the next run. Starting a thread with a 256 MB stack for
/// every program (mapping it, faulting its first pages in, unmapping it after) was a tenth of `unroll check`,
/// which runs several hundred small programs one after another. One idle thread is kept; a run that finds none
/// idle (the first, or one running beside another) starts one, and a thread that finds one already idle ends.
/// After each run the stack deeper than `keptStack` is given back, so a deep recursion's pages do not stay resident.
final class RunThread: @unchecked Sendable {
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    /// The job to run next; nil when woken to end. Handed over through the semaphores, which order the accesses.
    private var job: (() -> Void)?

    private static let lock = DispatchSemaphore(value: 1)
    nonisolated(unsafe) private static var idle: [Int: RunThread] = [:]

    /// Runs `body` on a thread with `stackSize` bytes of stack and waits for it; false (and `body` not run) when
    /// no such thread can be had.
    static func run(stackSize: Int, _ body: @escaping () -> Void) -> Bool {
        lock.wait()
        let kept = idle.removeValue(forKey: stackSize)
        lock.signal()
        let runner: RunThread
        if let kept {
            runner = kept
        } else {
            runner = RunThread()
            guard let thread = StackThread.start(stackSize: stackSize, { runner.serve(stackSize: stackSize) }) else { return false }
            thread.detach()
        }
        runner.job = body
        runner.wake.signal()
        runner.done.wait()
        lock.wait()
        let keep = idle[stackSize] == nil
        if keep { idle[stackSize] = runner }
        lock.signal()
        if !keep { runner.wake.signal() }   // job is nil: the thread ends
        return true
    }

    /// Stack a kept thread keeps resident below its loop: what an ordinary run touches.
    static let keptStack = 1 << 20

    private func serve(stackSize: Int) {
        // The lowest stack address surely inside this thread's stack: the stack's top (minus its thread-local
        // block) lies less than `keptStack` above this frame.
        let top = Interpreter.stackAddress()
        let deepest = top > UInt(stackSize) ? top - UInt(stackSize) + UInt(RunThread.keptStack) : nil
        while true {
            wake.wait()
            guard let body = job else { return }
            job = nil
            body()
            if let deepest { RunThread.release(from: deepest, below: Interpreter.stackAddress()) }
            done.signal()
        }
    }

    /// Gives the pages of the stack from `lowest` up to `keptStack` below `current` back to the system.
    private static func release(from lowest: UInt, below current: UInt) {
        #if canImport(Glibc)
        let page = UInt(sysconf(Int32(_SC_PAGESIZE)))
        guard current > lowest + UInt(keptStack) + page else { return }
        let end = (current - UInt(keptStack)) & ~(page - 1)
        let start = (lowest + page - 1) & ~(page - 1)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_DONTNEED)
        #endif
    }
}
