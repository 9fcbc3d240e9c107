/// The limits the kernel (and the parent's clock) put on a snippet worker, on top of MiniPy's own.
/// MiniPy stops a program first with its own Python error; these catch what gets past it (a trap,
/// runaway memory in one operation, a loop that never reaches a check).
public struct HardLimits: Sendable, Equatable {
    /// RLIMIT_AS: the worker's whole address space.
    public var addressSpace: Int
    /// RLIMIT_CPU per program, in seconds.
    public var cpuSeconds: Int
    /// RLIMIT_STACK.
    public var stack: Int
    /// RLIMIT_FSIZE: MiniPy writes no file, so any write is refused.
    public var fileSize: Int
    /// RLIMIT_NOFILE.
    public var openFiles: Int
    /// The parent kills the worker when one program runs longer than this (seconds).
    public var wallClock: Double

    public init(addressSpace: Int = 1 << 30, cpuSeconds: Int = 10, stack: Int = 16 << 20, fileSize: Int = 0,
                openFiles: Int = 64, wallClock: Double = 10) {
        self.addressSpace = addressSpace
        self.cpuSeconds = cpuSeconds
        self.stack = stack
        self.fileSize = fileSize
        self.openFiles = openFiles
        self.wallClock = wallClock
    }

    /// 1 GiB, 10 s of CPU, 16 MiB of stack, no files written, 64 descriptors, 10 s of wall time
    /// (MiniPy's own limit is 5 s).
    public static let standard = HardLimits()

    /// "1 GB", as the error messages say it.
    var addressSpaceText: String {
        let gib = Double(addressSpace) / Double(1 << 30)
        if gib >= 1 { return gib == gib.rounded() ? "\(Int(gib)) GB" : "\(gib) GB" }
        return "\(addressSpace >> 20) MB"
    }
}
