// Fuzz target: what the tutor reads back from a snippet worker (SnippetResult.fromWire), since a worker
// that crashed half-way or was fed garbage may answer anything.
import Foundation
import FuzzSupport
import SnippetRunner

func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let result = SnippetResult.fromWire(Data(bytes)) else { return }
    _ = result.output
    _ = result.outcome(source: "print(1)")
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main struct Main {
    static func main() { Fuzz.main(testOneInput, replaying: fuzzOne) }
}
