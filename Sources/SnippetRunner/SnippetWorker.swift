import CProcess
import Foundation
import MiniPy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The child's side: reads one `SnippetRequest` per line on stdin, runs it with MiniPy on this (main)
/// thread, writes one result per line on stdout, until stdin ends. Crashes, runaway memory and hangs
/// end this process, never the tutor that reads its answers.
public enum SnippetWorker {
    /// Serves requests from `input` to `output` until `input` ends. `cpuSeconds` is the processor time
    /// each program may use (a soft RLIMIT_CPU moved forward before each one); nil leaves it alone.
    public static func serve(input: Int32 = 0, output: Int32 = 1, cpuSeconds: Int? = nil) {
        var reader = LineReader(fd: input)
        while let line = reader.next() {
            let result: SnippetResult
            if let request = SnippetRequest.fromWire(line) {
                if let cpuSeconds { _ = cp_allow_cpu_seconds(Int64(cpuSeconds)) }
                var limits = Limits.standard
                if let w = request.wallTime { limits.wallTime = w }
                let outcome = MiniPy.run(request.source, prelude: request.prelude, then: request.then,
                                         file: request.file, limits: limits)
                var answer = SnippetResult(outcome)
                if !request.recurrentCalls { answer.recurrentCalls = [] }
                result = answer
            } else {
                result = SnippetResult(stdout: "", error: .init(type: "SystemError", message: "the snippet worker got a request it cannot read",
                                                                  traceback: "SystemError: the snippet worker got a request it cannot read\n"))
            }
            var data = result.wireJSON()
            data.append(UInt8(ascii: "\n"))
            guard writeAll(output, data) else { return }
        }
    }

    static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }
}

/// Lines from a descriptor, without Foundation's buffering (which would hold a request back).
struct LineReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var ended = false

    init(fd: Int32) { self.fd = fd }

    /// The next line without its newline; nil at the end of input (a last line without a newline counts).
    mutating func next() -> Data? {
        var searchFrom = 0
        while true {
            if let i = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(buffer[..<i])
                buffer.removeSubrange(...i)
                return line
            }
            searchFrom = buffer.count
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return Data(buffer)
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                ended = true
            } else if n == 0 {
                ended = true
            } else {
                buffer.append(contentsOf: chunk[..<n])
            }
        }
    }
}
