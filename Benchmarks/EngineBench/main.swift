// engine-bench: times RNNEngine's forward and forward + backward on fixed shapes (not a test). Scripts/bench.sh
// runs it in rounds interleaved with Scripts/bench_torch.py, pinned to one core, and compares medians.
//
//   engine-bench [--peak] [--only TEXT] [--mode fwd|fwdbwd|both] [--seconds S]
//
// Output, one line per shape and mode, tab-separated (bench.sh reads it; bench_torch.py prints the same):
//   name  mode  median_cpu_us  min_cpu_us  median_wall_us  samples  gflop_per_call
// (per call; a sample times enough calls for ~2 ms, so the clock's own cost stays out of tiny figures)
// cpu is this thread's CPU time (on a shared machine it leaves out the time other processes had the core).
// --peak first prints "# peak GFLOP/s" measured with an FMA loop on this core (KernelInfo.measuredPeakGFLOPS).
import Foundation
import RNNEngine

struct Shape {
    let name: String
    let module: String
    let L: Int, N: Int, input: Int, hidden: Int, layers: Int

    /// 2 × multiply-adds of the forward's matrix products (the usual GFLOP count; activations left out).
    var forwardFlops: Double {
        let g = Double(module == "LSTM" ? 4 : module == "GRU" ? 3 : 1) * Double(hidden)
        var f = 0.0
        for k in 0..<layers {
            let inK = Double(k == 0 ? input : hidden)
            f += 2 * Double(L * N) * g * (inK + Double(hidden))
        }
        return f
    }
}

/// The sizes of issues 18 and 19: tiny (the tutor's own), medium, large, for each module.
let shapes: [Shape] = ["RNN", "LSTM", "GRU"].flatMap { m in [
    Shape(name: "\(m) tiny L=4 N=2 5->3", module: m, L: 4, N: 2, input: 5, hidden: 3, layers: 1),
    Shape(name: "\(m) medium L=128 N=16 64->128 x2", module: m, L: 128, N: 16, input: 64, hidden: 128, layers: 2),
    Shape(name: "\(m) large L=256 N=64 256->512", module: m, L: 256, N: 64, input: 256, hidden: 512, layers: 1),
] }

func wallNow() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
let only = option("--only") ?? ProcessInfo.processInfo.environment["ENGINE_BENCH_ONLY"] ?? ""
let modeArg = option("--mode") ?? "both"
let seconds = Double(option("--seconds") ?? "") ?? 0.4

if args.contains("--peak") {
    print(String(format: "# peak %.1f GFLOP/s (isa %@, FMA loop on this core)", KernelInfo.measuredPeakGFLOPS(), KernelInfo.isa))
}

var sink: Float = 0
for s in shapes where only.isEmpty || s.name.contains(only) {
    let base = try RNNBase(module: s.module, args: [.int(s.input), .int(s.hidden)], kwargs: [("num_layers", .int(s.layers))])
    var g = SplitMix64(seed: 1)
    let x = g.uniformTensor([s.L, s.N, s.input], bound: 1)
    let gradOut = g.uniformTensor([s.L, s.N, s.hidden], bound: 1)
    for mode in ["fwd", "fwdbwd"] where modeArg == "both" || modeArg == mode {
        func call() throws {
            if mode == "fwd" {
                sink += try base.forward(x).output.storage[0]
            } else {
                sink += try base.backward(x, hx: nil, gradOutput: gradOut, gradHN: nil, gradCN: nil).input.storage[0]
            }
        }
        try call()   // warm up: buffers, caches, packed weights
        // Calls per sample: enough for ~2 ms, so reading the clock (a system call for the thread's CPU time,
        // about as long as a tiny forward) does not count in the figure.
        let probe = wallNow()
        try call()
        let perSample = max(1, Int(0.002 / max(1e-9, wallNow() - probe)))
        var cpu: [Double] = [], wall: [Double] = []
        let start = cpuNow()
        repeat {
            let (c0, w0) = (cpuNow(), wallNow())
            for _ in 0..<perSample { try call() }
            cpu.append((cpuNow() - c0) / Double(perSample))
            wall.append((wallNow() - w0) / Double(perSample))
        } while cpuNow() - start < seconds || cpu.count < 3
        func median(_ a: [Double]) -> Double { let s = a.sorted(); return s[s.count / 2] }
        let flops = s.forwardFlops * (mode == "fwd" ? 1 : 3)   // backward: dX, dW and dh, twice the forward's products
        print(String(format: "%@\t%@\t%.3f\t%.3f\t%.3f\t%d\t%.6f", s.name, mode, median(cpu) * 1e6, cpu.min()! * 1e6,
                     median(wall) * 1e6, cpu.count, flops / 1e9))
    }
}
if sink.isNaN { print("# nan") }
