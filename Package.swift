// swift-tools-version:6.0
// The shape of this package is the one in architecture.md: imports flow one way,
// RNNEngine ← TutorCore ← TutorRender/TutorStore ← Terminal ← unroll.
import PackageDescription

let package = Package(
    name: "Unroll",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "unroll", targets: ["unroll"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // The engine's matrix kernels in C: AVX2/AVX-512 FMA picked at run time, scalar elsewhere.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "RNNEngine", dependencies: ["CKernels"]),
        // MiniPy: the Python subset lesson snippets use, with the torch subset on RNNEngine.
        .target(name: "MiniPy", dependencies: ["RNNEngine"]),
        .target(name: "TutorCore", dependencies: ["RNNEngine", "MiniPy", .product(name: "Yams", package: "Yams")]),
        .target(name: "TutorRender", dependencies: ["TutorCore"]),
        .target(name: "TutorStore", dependencies: ["TutorCore"]),
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Starting the snippet worker with kernel limits: fork, setrlimit, exec (async-signal-safe C).
        .target(name: "CProcess"),
        // Snippets run in a child process of the same binary (`unroll snippet-worker`), so a crash,
        // runaway memory or a hang in MiniPy comes back as a Python-style error, never takes the tutor down.
        .target(name: "SnippetRunner", dependencies: ["MiniPy", "RNNEngine", "CProcess"]),
        .target(name: "Terminal", dependencies: ["CNcursesw", "TutorRender"]),
        // The event loop that runs effects, apart from the executable so it can be tested whole.
        .target(name: "TutorRuntime", dependencies: ["Terminal", "TutorStore", "TutorRender", "TutorCore", "MiniPy", "SnippetRunner"]),
        .executableTarget(
            name: "unroll",
            dependencies: [
                "RNNEngine", "MiniPy", "TutorCore", "TutorRender", "TutorStore", "Terminal", "TutorRuntime", "SnippetRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: the engine timed against torch (not a test).
        .executableTarget(name: "engine-bench", dependencies: ["RNNEngine"], path: "Benchmarks/EngineBench"),
        // `make bench`: a snippet run in process against one in a worker process (not a test).
        .executableTarget(name: "snippet-bench", dependencies: ["SnippetRunner", "MiniPy", "TutorCore", "TutorStore"], path: "Benchmarks/SnippetBench"),
        // Records answers through TutorStore so the crash test can SIGKILL it mid-write.
        .executableTarget(name: "progress-crash-helper", dependencies: ["TutorStore", "TutorCore"], path: "Tests/ProgressCrashHelper"),
        // A snippet worker that crashes, hangs or allocates on purpose, for the sandbox's tests.
        .executableTarget(name: "snippet-worker-helper", dependencies: ["SnippetRunner"], path: "Tests/SnippetWorkerHelper"),
        .testTarget(name: "SnippetRunnerTests", dependencies: ["SnippetRunner", "MiniPy", "RNNEngine"], exclude: ["Fixtures"]),
        // `make fuzz` (Tests/Fuzz): libFuzzer targets when built with -sanitize=fuzzer -DFUZZING into
        // .build-fuzz; in an ordinary build each replays the inputs it is given (the regression corpora).
        .target(name: "FuzzSupport", dependencies: ["MiniPy"], path: "Tests/Fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-lesson", dependencies: ["FuzzSupport", "TutorCore"], path: "Tests/Fuzz/FuzzLesson"),
        .executableTarget(name: "fuzz-minipy", dependencies: ["FuzzSupport", "MiniPy"], path: "Tests/Fuzz/FuzzMiniPy"),
        .executableTarget(name: "fuzz-minipy-parse", dependencies: ["FuzzSupport", "MiniPy"], path: "Tests/Fuzz/FuzzMiniPyParse"),
        .executableTarget(name: "fuzz-minipy-gen", dependencies: ["FuzzSupport", "MiniPy"], path: "Tests/Fuzz/FuzzMiniPyGen"),
        .executableTarget(name: "fuzz-engine", dependencies: ["FuzzSupport", "RNNEngine"], path: "Tests/Fuzz/FuzzEngine"),
        .executableTarget(name: "fuzz-progress", dependencies: ["FuzzSupport", "TutorCore"], path: "Tests/Fuzz/FuzzProgress"),
        .executableTarget(name: "fuzz-snippet-answer", dependencies: ["FuzzSupport", "SnippetRunner"], path: "Tests/Fuzz/FuzzSnippetAnswer"),
        .testTarget(name: "RNNEngineTests", dependencies: ["RNNEngine"], exclude: ["Fixtures"]),
        .testTarget(name: "MiniPyTests", dependencies: ["MiniPy", "RNNEngine"], exclude: ["Fixtures", "run_fixtures.py"]),
        .testTarget(name: "TutorCoreTests", dependencies: ["TutorCore", "RNNEngine"], exclude: ["Fixtures"]),
        .testTarget(name: "TutorRenderTests", dependencies: ["TutorRender", "TutorCore"], exclude: ["Snapshots"]),
        // Fixtures and snapshots are read through #filePath so `UPDATE_SNAPSHOTS=1` can rewrite them in place.
        .testTarget(name: "TutorStoreTests", dependencies: ["TutorStore", "TutorCore"]),
        .testTarget(name: "TutorRuntimeTests", dependencies: ["TutorRuntime", "Terminal", "TutorStore", "TutorCore", "SnippetRunner"]),
    ]
)
