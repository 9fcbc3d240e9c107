// A snippet worker that misbehaves on purpose, so the sandbox's tests do not depend on a MiniPy bug.
//
//   snippet-worker-helper serve [--cpu-seconds N]   the real worker (MiniPy)
//   snippet-worker-helper MODE                      reads one request, then does MODE:
//     segv trap abort        crash (a bad pointer, a Swift trap, abort())
//     alloc                  allocate until the address-space limit stops it
//     spin                   use the CPU forever          sleep   wait forever
//     garbage                answer a line that is not JSON        exit   exit 3 without answering
//     environment            answer with what the child sees: tty, descriptors, limits, signals
//   snippet-worker-helper counter                   answers every request with its pid and a count;
//                                                   a request holding CRASH crashes it
import Foundation
import SnippetRunner
#if canImport(Glibc)
import Glibc
#endif

func answer(_ stdout: String) {
    let json = try! JSONSerialization.data(withJSONObject: ["stdout": stdout, "warnings": "", "errorInPrelude": false, "recurrentCalls": []])
    FileHandle.standardOutput.write(json + Data("\n".utf8))
}

let args = CommandLine.arguments
let mode = args.count > 1 ? args[1] : "serve"
if mode == "serve" {
    let i = args.firstIndex(of: "--cpu-seconds")
    SnippetWorker.serve(cpuSeconds: i.flatMap { args.count > $0 + 1 ? Int(args[$0 + 1]) : nil })
    exit(0)
}
if mode == "counter" {
    var n = 0
    while let line = readLine() {
        if line.contains("CRASH") { UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1 }
        n += 1
        answer("pid=\(getpid()) n=\(n)")
    }
    exit(0)
}
_ = readLine()
switch mode {
case "segv":
    UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
case "trap":
    fatalError("the helper traps on purpose")
case "abort":
    abort()
case "alloc":
    var keep: [[UInt8]] = []
    while true { keep.append([UInt8](repeating: 1, count: 64 << 20)) }
case "spin":
    var x: UInt64 = 1
    while x != 0 { x = x &* 6364136223846793005 &+ 1 }
case "sleep":
    while true { sleep(100) }
case "garbage":
    FileHandle.standardOutput.write(Data("this is not a result\n".utf8))
    while true { sleep(100) }
case "exit":
    exit(3)
case "environment":
    let tty = open("/dev/tty", O_RDWR)
    let fds = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap(Int.init).sorted()
    var limits: [String] = []
    for (name, resource) in [("as", RLIMIT_AS), ("cpu", RLIMIT_CPU), ("stack", RLIMIT_STACK), ("fsize", RLIMIT_FSIZE), ("nofile", RLIMIT_NOFILE), ("core", RLIMIT_CORE)] {
        var rl = rlimit()
        getrlimit(__rlimit_resource_t(resource.rawValue), &rl)
        limits.append("\(name)=\(rl.rlim_cur)")
    }
    var old = sigaction()
    sigaction(SIGINT, nil, &old)
    let sigintDefault = unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == 0
    answer("tty=\(tty >= 0) stdin-tty=\(isatty(0) == 1) session-leader=\(getsid(0) == getpid()) fds=\(fds) \(limits.joined(separator: " ")) sigint-default=\(sigintDefault)")
default:
    FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
    exit(2)
}
