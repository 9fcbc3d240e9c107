// engine-bench: times RNNEngine's forward on fixed shapes (not a test). Scripts/bench.sh runs it next to torch.
// Output: one line per shape, "name ms_per_call gflops", machine-readable for bench.sh.
import Foundation
import RNNEngine

struct Shape {
    let name: String
    let module: String
    let L: Int, N: Int, input: Int, hidden: Int, layers: Int

    /// Multiply-adds ×2 of the forward (matrix products only, as usual for GFLOP/s).
    var flops: Double {
        let g = Double(module == "LSTM" ? 4 : module == "GRU" ? 3 : 1) * Double(hidden)
        var f = 0.0
        for k in 0..<layers {
            let inK = Double(k == 0 ? input : hidden)
            f += 2 * Double(L * N) * g * (inK + Double(hidden))
        }
        return f
    }
}

let shapes = [
    Shape(name: "RNN L=4 N=2 5->3", module: "RNN", L: 4, N: 2, input: 5, hidden: 3, layers: 1),
    Shape(name: "RNN L=128 N=16 64->128 x2", module: "RNN", L: 128, N: 16, input: 64, hidden: 128, layers: 2),
    Shape(name: "LSTM L=128 N=16 64->128 x2", module: "LSTM", L: 128, N: 16, input: 64, hidden: 128, layers: 2),
    Shape(name: "GRU L=128 N=16 64->128 x2", module: "GRU", L: 128, N: 16, input: 64, hidden: 128, layers: 2),
    Shape(name: "LSTM L=256 N=64 256->512", module: "LSTM", L: 256, N: 64, input: 256, hidden: 512, layers: 1),
]

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
/// CPU time of this thread: on a loaded machine it leaves out the time other processes had the core.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Peak estimate: cores × GHz (nominal, from the CPU's name) × FLOPs/cycle of the kernels' ISA.
func nominalGHz() -> Double {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
          let at = line.range(of: "@ "), let ghz = Double(line[at.upperBound...].replacingOccurrences(of: "GHz", with: "")
              .trimmingCharacters(in: .whitespaces)) else { return 0 }
    return ghz
}
let cores = ProcessInfo.processInfo.activeProcessorCount, ghz = nominalGHz()
let perCycle = Double(ProcessInfo.processInfo.environment["ENGINE_BENCH_FLOPS_PER_CYCLE"] ?? "") ?? Double(KernelInfo.flopsPerCycle)
print(String(format: "# isa %@: peak %d cores × %.2f GHz × %.0f FLOP/cycle = %.0f GFLOP/s; one thread (the engine's) %.0f GFLOP/s",
             KernelInfo.isa, cores, ghz, perCycle, Double(cores) * ghz * perCycle, ghz * perCycle))

var sink: Float = 0
// ENGINE_BENCH_ONLY=text runs only the shapes whose name contains it (for profiling one shape).
let only = ProcessInfo.processInfo.environment["ENGINE_BENCH_ONLY"] ?? ""
for s in shapes where only.isEmpty || s.name.contains(only) {
    let base = try RNNBase(module: s.module, args: [.int(s.input), .int(s.hidden)], kwargs: [("num_layers", .int(s.layers))])
    var g = SplitMix64(seed: 1)
    let x = g.uniformTensor([s.L, s.N, s.input], bound: 1)
    // Warm up, then repeat for at least ~1 s (at least 3 calls).
    sink += try base.forward(x).output.storage[0]
    var calls = 0
    let start = now(), cpuStart = cpuNow()
    var elapsed = 0.0
    repeat {
        sink += try base.forward(x).output.storage[0]
        calls += 1
        elapsed = now() - start
    } while elapsed < 1.0 || calls < 3
    let perCall = elapsed / Double(calls), cpuPerCall = (cpuNow() - cpuStart) / Double(calls)
    print(String(format: "%@\t%.6f\t%.2f\t%.6f", s.name, perCall * 1e3, s.flops / perCall / 1e9, cpuPerCall * 1e3))
}
if sink.isNaN { print("nan") }
