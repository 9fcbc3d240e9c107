import Foundation
import MiniPy

/// What every fuzz target shares: the limits MiniPy runs under, and the replay driver a target runs as
/// in an ordinary build (`swift build`), where libFuzzer is not linked.
///
/// A target is one file: `fuzzOne(bytes)`, a C-callable `testOneInput` calling it, and a `@main` that
/// hands that to libFuzzer's driver when built with `-sanitize=fuzzer -DFUZZING` (SwiftPM's executables
/// keep their own `main`, so libFuzzer's cannot be used), and otherwise replays files through it:
///
///     .build/debug/fuzz-minipy Tests/Fuzz/Regressions/minipy      # every file in the folder, once
public enum Fuzz {
    /// MiniPy under tight limits: many programs a second, and still every limit path exercised.
    public static let limits = Limits(maxElements: 100_000, maxSteps: 20_000, maxDepth: 150, wallTime: 1,
                                      maxOutput: 10_000, maxOperations: 5_000_000)

    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// The target's main: libFuzzer in a fuzzing build, the replay driver otherwise.
    public static func main(_ testOneInput: TestOneInput, replaying body: (UnsafeRawBufferPointer) -> Void) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
        #else
        exit(replay(CommandLine.arguments, body))
        #endif
    }

    /// Runs `body` on every file named in `arguments` (a folder: every file in it, sorted); prints how
    /// many ran. A crash ends the process, which is the failure `make test` sees. Returns the exit status.
    public static func replay(_ arguments: [String], _ body: (UnsafeRawBufferPointer) -> Void) -> Int32 {
        let name = (arguments.first as NSString?)?.lastPathComponent ?? "fuzz"
        var files: [String] = []
        for path in arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("\(name): no such file or folder: \(path)\n".utf8))
                return 2
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("\(name): cannot read \(file)\n".utf8))
                return 2
            }
            data.withUnsafeBytes { body($0) }
        }
        print("\(name): replayed \(files.count) input\(files.count == 1 ? "" : "s") without a crash")
        return 0
    }
}

#if FUZZING
/// libFuzzer's entry for programs with their own main (compiler-rt's FuzzerInterface.h).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: Fuzz.TestOneInput) -> Int32
#endif
