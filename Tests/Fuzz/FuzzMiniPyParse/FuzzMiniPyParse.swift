// Fuzz target: MiniPy's lexer and parser only. A step limit of 0 stops the run before its first
// statement, after the whole program has been parsed (syntax errors included).
import Foundation
import FuzzSupport
import MiniPy

let parseOnly = Limits(maxElements: 100_000, maxSteps: 0, maxDepth: 150, wallTime: 1, maxOutput: 10_000, maxOperations: 5_000_000)

func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    let source = String(decoding: bytes, as: UTF8.self)
    _ = MiniPy.run(source, limits: parseOnly).stderr
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main struct Main {
    static func main() { Fuzz.main(testOneInput, replaying: fuzzOne) }
}
