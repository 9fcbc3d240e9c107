// Fuzz target: programs written by the grammar-based generator (ProgramGenerator), the fuzzer's bytes
// choosing every production, so mutations move between learner-like and hostile programs.
// `fuzz-minipy-gen --print FILE…` prints the program each input stands for.
import Foundation
import FuzzSupport
import MiniPy

func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    let program = ProgramGenerator.program(from: bytes)
    _ = MiniPy.run(program, limits: Fuzz.limits).stderr
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
