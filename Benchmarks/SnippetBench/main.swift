// The cost of running snippets isolated (not a test): a playground run in this process, in a fresh
// worker with a warm spare (what the tutor does), in a cold worker (no spare: the first run), and in
// one reused worker; then `unroll check`'s lesson programs in this process and in a reused worker.
//
//   snippet-bench UNROLL_BINARY [LESSONS_FOLDER]
import Foundation
import MiniPy
import SnippetRunner
import TutorCore
import TutorStore

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: snippet-bench UNROLL_BINARY [LESSONS_FOLDER]\n".utf8))
    exit(2)
}
let unroll = args[1]
let lessons = URL(fileURLWithPath: args.count > 2 ? args[2] : "Lessons")
let snippet = """
    import torch
    rnn = torch.nn.RNN(input_size=10, hidden_size=20)
    output, h_n = rnn(torch.randn(5, 3, 10))
    print(output.shape)
    print(h_n.shape)
    """
let runs = 40

func ms(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func report(_ name: String, _ times: [Double]) {
    let sorted = times.sorted()
    let median = sorted[sorted.count / 2], p90 = sorted[sorted.count * 9 / 10]
    let padded = name.count < 48 ? name + String(repeating: " ", count: 48 - name.count) : name
    print(padded + String(format: " median %8.2f ms   p90 %8.2f ms   (%d runs)", median, p90, times.count))
}

report("playground run, in process", (0 ..< runs).map { _ in ms { _ = MiniPy.run(snippet) } })

let fresh = SnippetSandbox(executable: unroll, mode: .fresh)
fresh.prepare()
var warm: [Double] = []
for _ in 0 ..< runs {
    usleep(150_000)   // a learner reads the output; the spare starts meanwhile
    warm.append(ms { _ = fresh.run(SnippetRequest(source: snippet)) })
    fresh.prepare()   // as the tutor does once the output is drawn
}
fresh.shutdown()
report("playground run, fresh worker (warm spare)", warm)

report("playground run, cold worker (spawn + run)", (0 ..< runs).map { _ in
    let cold = SnippetSandbox(executable: unroll, mode: .fresh)
    defer { cold.shutdown() }
    return ms { _ = cold.start(SnippetRequest(source: snippet)).waitToEnd() }
})

let reused = SnippetSandbox(executable: unroll, mode: .reused)
_ = reused.run(SnippetRequest(source: "pass"))
report("playground run, reused worker", (0 ..< runs).map { _ in ms { _ = reused.run(SnippetRequest(source: snippet)) } })

// `unroll check`'s programs.
var inProcess: [Double] = [], isolated: [Double] = []
for _ in 0 ..< 3 {
    inProcess.append(ms { _ = LessonLibrary.check(paths: [lessons]) })
    isolated.append(ms {
        _ = LessonLibrary.check(paths: [lessons]) { c in
            reused.run(SnippetRequest(source: c.code, prelude: c.prelude.isEmpty ? nil : c.prelude,
                                      then: c.then.isEmpty ? nil : c.then, recurrentCalls: false)).outcome(source: c.code)
        }
    })
}
reused.shutdown()
report("check \(lessons.path), in process", inProcess)
report("check \(lessons.path), reused worker", isolated)

extension SnippetRun {
    func waitToEnd() -> SnippetResult {
        while true { if let r = wait(milliseconds: 1000) { return r } }
    }
}
