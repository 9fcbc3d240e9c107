#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX thread with a stack of a given size, for a run and for each generator. Foundation's `Thread.start`
/// ignores a failed `pthread_create`, so a caller waiting for the thread's signal waited for ever: under the
/// snippet worker's RLIMIT_AS a few 256 MB stacks (a finished run's not yet unmapped, plus live generators')
/// used the address space up, and `unroll check` hung on a loaded machine. Here a failure is reported, and a
/// joined thread's stack is gone when `join` returns.
final class StackThread: @unchecked Sendable {
    private let body: () -> Void
    private var thread: pthread_t?

    private init(body: @escaping () -> Void) { self.body = body }

    /// Starts `body` on a new thread with `stackSize` bytes of stack; nil when the thread cannot be made.
    static func start(stackSize: Int, _ body: @escaping () -> Void) -> StackThread? {
        let t = StackThread(body: body)
        var attr = pthread_attr_t()
        guard pthread_attr_init(&attr) == 0 else { return nil }
        defer { pthread_attr_destroy(&attr) }
        guard pthread_attr_setstacksize(&attr, stackSize) == 0 else { return nil }
        let context = Unmanaged.passRetained(t).toOpaque()
        #if canImport(Glibc)
        var id = pthread_t()
        #else
        var id: pthread_t?
        #endif
        let rc = pthread_create(&id, &attr, { arg in
            let me = Unmanaged<StackThread>.fromOpaque(arg!).takeRetainedValue()
            me.body()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<StackThread>.fromOpaque(context).release()
            return nil
        }
        t.thread = id
        return t
    }

    /// Waits for the thread to end (its stack is released when this returns).
    func join() {
        guard let thread else { return }
        pthread_join(thread, nil)
        self.thread = nil
    }

    /// Lets the thread's resources go when it ends, for a thread nobody joins.
    func detach() {
        guard let thread else { return }
        pthread_detach(thread)
        self.thread = nil
    }
}
