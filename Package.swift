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
    ],
    targets: [
        // The engine's matrix kernels in C: AVX2/AVX-512 FMA picked at run time, scalar elsewhere.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "RNNEngine", dependencies: ["CKernels"]),
        // MiniPy: the Python subset lesson snippets use, with the torch subset on RNNEngine.
        .target(name: "MiniPy", dependencies: ["RNNEngine"]),
        .target(name: "TutorCore", dependencies: ["RNNEngine", "MiniPy"]),
        .target(name: "TutorRender", dependencies: ["TutorCore"]),
        .target(name: "TutorStore", dependencies: ["TutorCore"]),
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
        .target(name: "Terminal", dependencies: ["CNcursesw", "TutorRender"]),
        // The event loop that runs effects, apart from the executable so it can be tested whole.
        .target(name: "TutorRuntime", dependencies: ["Terminal", "TutorStore", "TutorRender", "TutorCore", "MiniPy"]),
        .executableTarget(
            name: "unroll",
            dependencies: [
                "RNNEngine", "MiniPy", "TutorCore", "TutorRender", "TutorStore", "Terminal", "TutorRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: the engine timed against torch (not a test).
        .executableTarget(name: "engine-bench", dependencies: ["RNNEngine"], path: "Benchmarks/EngineBench"),
        // Reading and decoding the lessons, timed (Scripts/footprint.sh).
        .executableTarget(name: "lesson-bench", dependencies: ["TutorCore", "TutorStore"], path: "Benchmarks/LessonBench"),
        // Records answers through TutorStore so the crash test can SIGKILL it mid-write.
        .executableTarget(name: "progress-crash-helper", dependencies: ["TutorStore", "TutorCore"], path: "Tests/ProgressCrashHelper"),
        .testTarget(name: "RNNEngineTests", dependencies: ["RNNEngine"], exclude: ["Fixtures"]),
        .testTarget(name: "MiniPyTests", dependencies: ["MiniPy", "RNNEngine"], exclude: ["Fixtures", "run_fixtures.py"]),
        .testTarget(name: "TutorCoreTests", dependencies: ["TutorCore", "RNNEngine"], exclude: ["Fixtures", "check_mutants.py"]),
        .testTarget(name: "TutorRenderTests", dependencies: ["TutorRender", "TutorCore"], exclude: ["Snapshots"]),
        // Fixtures and snapshots are read through #filePath so `UPDATE_SNAPSHOTS=1` can rewrite them in place.
        .testTarget(name: "TutorStoreTests", dependencies: ["TutorStore", "TutorCore"]),
        .testTarget(name: "TutorRuntimeTests", dependencies: ["TutorRuntime", "Terminal", "TutorStore", "TutorCore"]),
    ]
)
