import Foundation
import Testing
@testable import TutorCore
@testable import TutorStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGKILL at random moments, 1,000 times: the file stays valid and holds every answer whose save had
/// returned, with every field of format 2 (what was chosen, the wrong blanks, attempt, seconds, grade,
/// mode; review grades too) and the learner's name. Two helpers write the same file at once, so the
/// lock is under the same fire.
@Suite struct ProgressCrashTests {
    static let kills = 1000
    static let filesInTurn = 10          // a fresh file every 100 kills keeps each save small
    static let writers = 2

    @Test func killedWritersNeverLoseASavedAnswer() async throws {
        let helper = try CrashHelper.require()
        let dir = TempFolder()
        let started = Date()
        let perFile = Self.kills / Self.filesInTurn / Self.writers
        // How long the helper takes to start and exit without saving, so the kills land among saves
        // on a loaded machine too: from half of that to it plus 50 ms.
        let probeStart = Date()
        _ = Child.spawn(helper, ["record", dir.file("probe/progress.json").path, "0"])?.finish()
        let startupMicros = UInt32(min(Date().timeIntervalSince(probeStart), 1) * 1_000_000)
        let delays = (startupMicros / 2) ... (startupMicros + 50_000)
        var confirmed = 0, runsWithAnAnswer = 0
        for file in 0 ..< Self.filesInTurn {
            let path = dir.file("p\(file)/progress.json")
            let results = await withTaskGroup(of: [(lines: [String], status: Int32)].self) { group in
                for writer in 0 ..< Self.writers {
                    group.addTask {
                        var out: [(lines: [String], status: Int32)] = []
                        // On a machine loaded by other work the helper may start slower than the probe said:
                        // each run that saved nothing waits 10 ms longer before the kill, each that saved
                        // waits 5 ms less, so kills keep landing among saves whatever the load.
                        var extra: UInt32 = 0
                        for run in 0 ..< perFile {
                            let start = (writer * 100_000) + run * 1000
                            guard let child = Child.spawn(helper, ["record", path.path, "1000", "\(start)"]) else { continue }
                            usleep(UInt32.random(in: delays) + extra)
                            child.kill9()
                            let result = child.finish()
                            extra = result.lines.isEmpty ? min(extra + 10_000, 1_000_000) : extra - min(extra, 5_000)
                            out.append(result)
                        }
                        return out
                    }
                }
                var all: [(lines: [String], status: Int32)] = []
                for await r in group { all += r }
                return all
            }
            #expect(results.count == perFile * Self.writers, "a helper failed to start")
            let printed = results.flatMap(\.lines).map(CrashHelper.entry)
            #expect(printed.allSatisfy { $0.answer != nil }, "a line the helper printed did not decode")
            // Killed by SIGKILL, or (rarely) exited normally: never an error exit from the helper.
            for r in results where !(r.status & 0x7f == SIGKILL || r.status == 0) {
                Issue.record("helper ended with status \(r.status): \(r.lines.suffix(2))")
            }
            confirmed += printed.count
            runsWithAnAnswer += results.filter { !$0.lines.isEmpty }.count
            switch ProgressStore.read(at: path) {
            case let .loaded(p):
                let onDisk = p.lessons["crash"]?.items ?? [:]
                // Each id is recorded once, so its history must be exactly the entry the helper printed.
                let lost = printed.filter { id, answer in onDisk[id]?.history != answer.map { [$0] } }
                #expect(lost.isEmpty, "answers saved then lost or changed: \(lost.prefix(5).map(\.id))")
                if !printed.isEmpty { #expect(p.learner == "crash helper") }
            case .missing:
                #expect(printed.isEmpty, "answers confirmed but no file")
            case let other:
                Issue.record("file \(path.path) after kills: \(other)")
            }
            // The next writer clears what killed ones left behind.
            #expect(ProgressStore(path: path).record([.hintSeen(lesson: "end", item: "x", at: Date())]).saved)
            let left = try FileManager.default.contentsOfDirectory(atPath: path.deletingLastPathComponent().path).sorted()
            #expect(left == ["progress.json", "progress.json.lock"])
        }
        let seconds = Date().timeIntervalSince(started)
        print("crash test: helper start \(startupMicros / 1000) ms, \(Self.kills) kills, \(runsWithAnAnswer) runs saved at least one answer, \(confirmed) confirmed answers, none lost, \(String(format: "%.1f", seconds)) s")
        #expect(confirmed > Self.kills / 4, "too few saves happened before the kills to test anything")
    }
}
