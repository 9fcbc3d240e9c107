// Records answers through TutorStore so the crash test can SIGKILL it mid-write.
//
//   progress-crash-helper record PATH COUNT [START]
//       records item-START ... item-(START+COUNT-1) one save each: an answer with every field of
//       format 2 (chosen options, wrong blanks, attempt, seconds, grade, mode) for an even number, a
//       review grade for an odd one. After its save returned saved it prints the id, a tab, and the
//       history entry the file must now hold, as one line of JSON (flushed).
//   progress-crash-helper fsize PATH BYTES
//       limits file size (RLIMIT_FSIZE) so the real write fails as on a full disk, records one
//       answer and prints the outcome's reason.
//   progress-crash-helper hold-lock PATH SECONDS
//       holds the lock of the progress file PATH (as another Unroll saving would), prints "locked",
//       and lets go after SECONDS (or when killed).
import Foundation
import TutorCore
import TutorStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One unbuffered write(2) per line: once it returns, the line is in the pipe even if SIGKILL follows.
func say(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { if errno == EINTR { continue }; exit(4) }
        offset += n
    }
}
let args = CommandLine.arguments
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: progress-crash-helper record PATH COUNT [START] | fsize PATH BYTES | hold-lock PATH SECONDS\n".utf8))
    exit(2)
}
guard args.count >= 4 else { usage() }
let store = ProgressStore(path: URL(fileURLWithPath: args[2]), learner: "crash helper")

/// The event for item number `i`, and the history entry it adds.
func event(_ i: Int, id: String) -> (ProgressEvent, Answer) {
    let at = Date()
    let whole = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down))
    let grades: [Grade] = [.again, .hard, .good, .easy]
    if i % 2 == 1 {
        let grade = grades[(i / 2) % 4]
        return (.reviewed(lesson: "crash", item: id, grade: grade, seconds: i % 61, at: at), .review(grade, seconds: i % 61, at: whole))
    }
    let modes: [AnswerMode] = [.try, .practice, .challenge, .test]
    let right = i % 3 != 0
    let letters = ["A", "B", "C", "D"]
    let answer = Answer(at: at, mode: modes[(i / 2) % 4], chosen: [letters[i % 4], i % 5 == 0 ? nil : letters[(i / 4) % 4]],
                        wrongBlanks: right ? [] : [2], correct: right, attempt: 1 + i % 3, seconds: i % 97,
                        grade: right ? (i % 3 == 1 ? .good : .hard) : .again, timedOut: !right && i % 4 == 0)
    var stored = answer
    stored.at = whole
    return (.attempt(lesson: "crash", item: id, answer: answer), stored)
}

func line(_ answer: Answer) -> String {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(answer)) ?? Data(), as: UTF8.self)
}

switch args[1] {
case "record":
    guard let count = Int(args[3]) else { usage() }
    let start = args.count > 4 ? Int(args[4]) ?? 0 : 0
    for i in start ..< start + count {
        let id = "item-\(i)"
        let (e, stored) = event(i, id: id)
        // Two helpers saving in a tight loop take turns only by chance (the lock is polled): one can be
        // kept out while the other does all its saves, past the tutor's 5 s on a loaded machine. The
        // test is about losing nothing, so the helper is patient; the tutor's wait is tested apart.
        let outcome = store.record([e], patience: 300)
        if outcome.saved {
            say(id + "\t" + line(stored))
        } else {
            FileHandle.standardError.write(Data("not saved: \(outcome.reason ?? "?")\n".utf8))
            exit(1)
        }
    }
case "fsize":
    guard let bytes = UInt64(args[3]) else { usage() }
    signal(SIGXFSZ, SIG_IGN)
    var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
    #if canImport(Glibc)
    let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
    #else
    let resource = RLIMIT_FSIZE
    #endif
    guard setrlimit(resource, &limit) == 0 else { say("setrlimit failed"); exit(3) }
    let outcome = store.record([.attempt(lesson: "full", item: "q1", answer: Answer(at: Date(), mode: .try, chosen: ["A"], correct: true, attempt: 1, grade: .good))])
    say(outcome.saved ? "saved" : "not saved: \(outcome.reason ?? "?")")
    if let a = outcome.announcement { say("announce: \(a)") }
case "hold-lock":
    guard let seconds = Double(args[3]) else { usage() }
    let fd = open(args[2] + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0, flock(fd, LOCK_EX) == 0 else { say("cannot lock"); exit(3) }
    say("locked")
    usleep(useconds_t(seconds * 1_000_000))
default:
    usage()
}
