// Fuzz target: programs written by the grammar-based generator (ProgramGenerator), the fuzzer's bytes
// choosing every production, so mutations move between learner-like and hostile programs.
// `fuzz-minipy-gen --print FILE…` prints the program each input stands for.
import Foundation
import FuzzSupport
import MiniPy

/// Tighter than `Fuzz.limits` in time and steps: generated programs loop and allocate far more often
/// than mutated bytes do, and a second each would leave a few programs a second.
let generated = Limits(maxElements: 100_000, maxSteps: 5_000, maxDepth: 150, wallTime: 0.25, maxOutput: 10_000,
                       maxOperations: 5_000_000)

func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    let program = ProgramGenerator.program(from: bytes)
    _ = MiniPy.run(program, limits: generated).stderr
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main struct Main {
    static func main() {
        var args = CommandLine.arguments
        if args.count > 1, args[1] == "--print" {
            args.remove(at: 1)
            exit(Fuzz.replay(args) { print(ProgramGenerator.program(from: $0)); print("# ---") })
        }
        Fuzz.main(testOneInput, replaying: fuzzOne)
    }
}
