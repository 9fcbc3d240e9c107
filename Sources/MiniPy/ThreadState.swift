#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What MiniPy keeps per thread: the stack size of a thread it started, and the interpreter running on it.
/// A POSIX thread-specific value, read at every interpreter's start: Foundation's `threadDictionary` made a
/// `Thread` object for each new thread and cast its values through `Any`, a measurable part of a small run.
final class ThreadState {
    /// The stack size of a thread MiniPy started; nil on any other thread.
    var stackSize: Int?
    weak var interpreter: Interpreter?

    /// The calling thread's state, made on first use and released when the thread ends.
    static var current: ThreadState {
        if let p = pthread_getspecific(key) { return Unmanaged<ThreadState>.fromOpaque(p).takeUnretainedValue() }
        let state = ThreadState()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { p in
            #if canImport(Glibc)
            guard let p else { return }
            #endif
            Unmanaged<ThreadState>.fromOpaque(p).release()
        }
        precondition(rc == 0, "pthread_key_create failed")
        return key
    }()
}
