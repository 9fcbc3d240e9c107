import CHeap

/// MiniPy's memory budget (`Limits.maxMemory`): the live heap, read with mallinfo2 at allocation points, counted
/// from where it stood when the run began. Allocations that MiniPy can size beforehand (a list repeated, a string
/// joined or formatted, a tensor made) are charged before they happen, so a request past the budget is refused
/// without allocating; between readings of the heap (each costs about a microsecond), what was charged is added to
/// the last reading.
extension Interpreter {
    /// The heap as it stood when this interpreter was made, and the run's use at the last reading.
    struct MemoryMeter {
        var baseline = 0
        var lastUse = 0
        var chargedSince = 0
    }

    static func heapInUse() -> Int { Int(cheap_in_use()) }

    /// Refuses (MemoryError) an allocation of `bytes` that would take the run past its budget. The torch side calls
    /// it before it makes a tensor (`bytes` = elements × 4).
    public func charge(bytes: Int) throws(PyError) {
        guard bytes > 0 else { return }
        if bytes >= 1 << 20 || memory.chargedSince >= 16 << 20 { measureMemory() }
        if bytes > limits.maxMemory || memory.lastUse + memory.chargedSince + bytes > limits.maxMemory {
            measureMemory()   // perhaps much was freed since
            if bytes > limits.maxMemory || memory.lastUse + bytes > limits.maxMemory { throw memoryError() }
        }
        memory.chargedSince += bytes
    }

    /// Reads the heap (also every few thousand steps, so growth MiniPy did not charge is seen).
    func measureMemory() {
        memory.lastUse = max(0, Self.heapInUse() - memory.baseline)
        memory.chargedSince = 0
    }

    func checkMemory() throws(PyError) {
        measureMemory()
        if memory.lastUse > limits.maxMemory { throw memoryError() }
    }

    func memoryError() -> PyError {
        .limit("MemoryError", "the snippet needs more than \(limits.maxMemory >> 20) MB (MiniPy's limit)")
    }
}
