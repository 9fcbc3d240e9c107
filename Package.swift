// swift-tools-version:6.0
// The shape of this package is the one in architecture.md: imports flow one way,
// RNNEngine ← TutorCore ← TutorRender/TutorStore ← Terminal ← unroll.
import PackageDescription

// Warnings are errors in every build of our own targets (CI's and a developer's alike, so the two never
// disagree); the dependencies are built as SwiftPM builds them, warnings suppressed.
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"])]

let package = Package(
    name: "Unroll",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "unroll", targets: ["unroll"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // The engine's matrix kernels in C: AVX2/AVX-512 FMA picked at run time, scalar elsewhere.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "RNNEngine", dependencies: ["CKernels"], swiftSettings: strict),
        // The live heap in bytes (mallinfo2) and memmem, for MiniPy's memory budget and string search.
        .target(name: "CHeap"),
        // MiniPy: the Python subset lesson snippets use, with the torch subset on RNNEngine.
        .target(name: "MiniPy", dependencies: ["RNNEngine", "CHeap"], swiftSettings: strict),
        .target(name: "TutorCore", dependencies: ["RNNEngine", "MiniPy"], swiftSettings: strict),
        .target(name: "TutorRender", dependencies: ["TutorCore"], swiftSettings: strict),
        .target(name: "TutorStore", dependencies: ["TutorCore"], swiftSettings: strict),
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Starting the snippet worker with kernel limits: fork, setrlimit, exec (async-signal-safe C).
        .target(name: "CProcess"),
        // Snippets run in a child process of the same binary (`unroll snippet-worker`), so a crash,
        // runaway memory or a hang in MiniPy comes back as a Python-style error, never takes the tutor down.
        .target(name: "SnippetRunner", dependencies: ["MiniPy", "RNNEngine", "CProcess"], swiftSettings: strict),
        .target(name: "Terminal", dependencies: ["CNcursesw", "TutorRender"], swiftSettings: strict),
        // The event loop that runs effects, apart from the executable so it can be tested whole.
        .target(name: "TutorRuntime", dependencies: ["Terminal", "TutorStore", "TutorRender", "TutorCore", "MiniPy", "SnippetRunner"], swiftSettings: strict),
        .executableTarget(
            name: "unroll",
            dependencies: [
                "RNNEngine", "MiniPy", "TutorCore", "TutorRender", "TutorStore", "Terminal", "TutorRuntime", "SnippetRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // `make bench`: the engine timed against torch (not a test).
        .executableTarget(name: "engine-bench", dependencies: ["RNNEngine"], path: "Benchmarks/EngineBench", swiftSettings: strict),
        // `make bench`: a snippet run in process against one in a worker process (not a test).
        .executableTarget(name: "snippet-bench", dependencies: ["SnippetRunner", "MiniPy", "TutorCore", "TutorStore"], path: "Benchmarks/SnippetBench", swiftSettings: strict),
        // Reading and decoding the lessons, timed (Scripts/footprint.sh).
        .executableTarget(name: "lesson-bench", dependencies: ["TutorCore", "TutorStore"], path: "Benchmarks/LessonBench", swiftSettings: strict),
        // Records answers through TutorStore so the crash test can SIGKILL it mid-write.
        .executableTarget(name: "progress-crash-helper", dependencies: ["TutorStore", "TutorCore"], path: "Tests/ProgressCrashHelper", swiftSettings: strict),
        // A snippet worker that crashes, hangs or allocates on purpose, for the sandbox's tests.
        .executableTarget(name: "snippet-worker-helper", dependencies: ["SnippetRunner"], path: "Tests/SnippetWorkerHelper", swiftSettings: strict),
        .testTarget(name: "SnippetRunnerTests", dependencies: ["SnippetRunner", "MiniPy", "RNNEngine"], exclude: ["Fixtures"], swiftSettings: strict),
        // `make fuzz` (Tests/Fuzz): libFuzzer targets when built with -sanitize=fuzzer -DFUZZING into
        // .build-fuzz; in an ordinary build each replays the inputs it is given (the regression corpora).
        .target(name: "FuzzSupport", dependencies: ["MiniPy"], path: "Tests/Fuzz/FuzzSupport", swiftSettings: strict),
        .executableTarget(name: "fuzz-lesson", dependencies: ["FuzzSupport", "TutorCore"], path: "Tests/Fuzz/FuzzLesson", swiftSettings: strict),
        .executableTarget(name: "fuzz-minipy", dependencies: ["FuzzSupport", "MiniPy"], path: "Tests/Fuzz/FuzzMiniPy", swiftSettings: strict),
        .executableTarget(name: "fuzz-minipy-parse", dependencies: ["FuzzSupport", "MiniPy"], path: "Tests/Fuzz/FuzzMiniPyParse", swiftSettings: strict),
        .executableTarget(name: "fuzz-minipy-gen", dependencies: ["FuzzSupport", "MiniPy"], path: "Tests/Fuzz/FuzzMiniPyGen", swiftSettings: strict),
        .executableTarget(name: "fuzz-engine", dependencies: ["FuzzSupport", "RNNEngine"], path: "Tests/Fuzz/FuzzEngine", swiftSettings: strict),
        .executableTarget(name: "fuzz-progress", dependencies: ["FuzzSupport", "TutorCore"], path: "Tests/Fuzz/FuzzProgress", swiftSettings: strict),
        .executableTarget(name: "fuzz-snippet-answer", dependencies: ["FuzzSupport", "SnippetRunner"], path: "Tests/Fuzz/FuzzSnippetAnswer", swiftSettings: strict),
        .testTarget(name: "RNNEngineTests", dependencies: ["RNNEngine"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "MiniPyTests", dependencies: ["MiniPy", "RNNEngine"], exclude: ["Fixtures", "run_fixtures.py"], swiftSettings: strict),
        .testTarget(name: "TutorCoreTests", dependencies: ["TutorCore", "RNNEngine"], exclude: ["Fixtures", "check_mutants.py"], swiftSettings: strict),
        .testTarget(name: "TutorRenderTests", dependencies: ["TutorRender", "TutorCore"], exclude: ["Snapshots"], swiftSettings: strict),
        // Fixtures and snapshots are read through #filePath so `UPDATE_SNAPSHOTS=1` can rewrite them in place.
        .testTarget(name: "TutorStoreTests", dependencies: ["TutorStore", "TutorCore"], swiftSettings: strict),
        .testTarget(name: "TutorRuntimeTests", dependencies: ["TutorRuntime", "Terminal", "TutorStore", "TutorCore", "SnippetRunner"], swiftSettings: strict),
        // The command line itself (`unroll` alone skips ArgumentParser; its defaults must match what it would parse).
        .testTarget(name: "UnrollTests", dependencies: ["unroll", .product(name: "ArgumentParser", package: "swift-argument-parser")], swiftSettings: strict),
    ]
)
