// Fuzz target: MiniPy end to end (lexer, parser, evaluator, torch) on any text, under tight limits.
import Foundation
import FuzzSupport
import MiniPy

func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    let source = String(decoding: bytes, as: UTF8.self)
    _ = MiniPy.run(source, limits: Fuzz.limits).stderr
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main struct Main {
    static func main() { Fuzz.main(testOneInput, replaying: fuzzOne) }
}
