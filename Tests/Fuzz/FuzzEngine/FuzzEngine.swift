// Fuzz target: the engine case decoder and one forward pass with its trace, as `unroll engine --trace`
// runs it on any bytes.
import Foundation
import FuzzSupport
import RNNEngine

func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    let outcome = EngineCase.run(Data(bytes), trace: true)
    _ = outcome.stdout
    _ = outcome.stderr
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main struct Main {
    static func main() { Fuzz.main(testOneInput, replaying: fuzzOne) }
}
