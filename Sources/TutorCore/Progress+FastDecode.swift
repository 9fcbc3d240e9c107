import Foundation

extension LearnerProgress {
    /// A progress file read straight from its bytes, for the common case: every key one this build
    /// knows, every value of the type and range the Codable path accepts, dates in the form this program
    /// writes. Anything else (an unknown or repeated key, a null where a value is required, a number
    /// out of range, an escape it does not expect) returns nil and the caller decodes with
    /// `JSONDecoder`, which gives the same value or the precise error. Reading a class's thousand files
    /// through `JSONDecoder` took most of `unroll class`'s time; this takes a fraction of it.
    ///
    /// Returns the progress as the Codable path would (format-1 files not yet migrated).
    static func fastDecode(_ data: Data) -> LearnerProgress? {
        data.withUnsafeBytes { raw -> LearnerProgress? in
            var r = FastJSON(raw.bindMemory(to: UInt8.self))
            guard let p = r.progress(), r.atEnd else { return nil }
            return p
        }
    }
}

/// A cursor over the bytes of one progress file. Every method returns nil when the input is not what
/// the fast path handles; nothing is reported (the Codable path does that).
private struct FastJSON {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    var atEnd: Bool {
        mutating get {
            skipSpace()
            return i == b.count
        }
    }

    mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard i < b.count, b[i] == byte else { return false }
        i += 1
        return true
    }

    mutating func null() -> Bool {
        skipSpace()
        guard i + 4 <= b.count, b[i] == 0x6E, b[i + 1] == 0x75, b[i + 2] == 0x6C, b[i + 3] == 0x6C else { return false }
        i += 4
        return true
    }

    mutating func bool() -> Bool? {
        skipSpace()
        if i + 4 <= b.count, b[i] == 0x74, b[i + 1] == 0x72, b[i + 2] == 0x75, b[i + 3] == 0x65 { i += 4; return true }
        if i + 5 <= b.count, b[i] == 0x66, b[i + 1] == 0x61, b[i + 2] == 0x6C, b[i + 3] == 0x73, b[i + 4] == 0x65 { i += 5; return false }
        return nil
    }

    /// A JSON integer without fraction or exponent that fits an Int.
    mutating func int() -> Int? {
        skipSpace()
        var negative = false
        if i < b.count, b[i] == 0x2D { negative = true; i += 1 }
        let start = i
        var n = 0
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(b[i] - 0x30))
            guard !o1, !o2 else { return nil }
            n = s
            i += 1
        }
        guard i > start, !(i - start > 1 && b[start] == 0x30) else { return nil }
        if i < b.count, b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45 { return nil }
        return negative ? -n : n
    }

    /// A string; escapes are decoded (a lone surrogate is left to the Codable path).
    mutating func string() -> String? {
        skipSpace()
        guard i < b.count, b[i] == 0x22 else { return nil }
        i += 1
        let start = i
        while i < b.count, b[i] != 0x22, b[i] != 0x5C {
            if b[i] < 0x20 { return nil }
            i += 1
        }
        guard i < b.count else { return nil }
        if b[i] == 0x22 {
            let s = String(validating: UnsafeBufferPointer(rebasing: b[start ..< i]), as: UTF8.self)
            i += 1
            return s
        }
        var bytes = Array(b[start ..< i])
        while i < b.count {
            let c = b[i]
            if c == 0x22 { i += 1; return String(validating: bytes, as: UTF8.self) }
            if c < 0x20 { return nil }
            if c != 0x5C { bytes.append(c); i += 1; continue }
            guard i + 1 < b.count else { return nil }
            let e = b[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: bytes.append(e)
            case 0x62: bytes.append(0x08)
            case 0x66: bytes.append(0x0C)
            case 0x6E: bytes.append(0x0A)
            case 0x72: bytes.append(0x0D)
            case 0x74: bytes.append(0x09)
            case 0x75:
                guard let u = hex4() else { return nil }
                var scalar = u
                if (0xD800 ... 0xDBFF).contains(u) {
                    guard i + 6 <= b.count, b[i] == 0x5C, b[i + 1] == 0x75 else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00 ... 0xDFFF).contains(low) else { return nil }
                    scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00 ... 0xDFFF).contains(u) {
                    return nil
                }
                guard let s = Unicode.Scalar(scalar) else { return nil }
                bytes.append(contentsOf: Array(String(Character(s)).utf8))
            default: return nil
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in 0 ..< 4 {
            let c = b[i + k]
            let d: UInt32
            switch c {
            case 0x30 ... 0x39: d = UInt32(c - 0x30)
            case 0x41 ... 0x46: d = UInt32(c - 0x41 + 10)
            case 0x61 ... 0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }

    mutating func date() -> Date? {
        guard let s = string(), let d = LearnerProgress.parseFastDate(s), LearnerProgress.dateRange.contains(d) else { return nil }
        return d
    }

    /// An object key: its bytes when it has no escape (the common case: no String is made to compare
    /// it with the format's names), else its decoded text.
    struct Key {
        let raw: Slice<UnsafeBufferPointer<UInt8>>?
        let text: String?

        var string: String? { text ?? raw.flatMap { String(validating: UnsafeBufferPointer(rebasing: $0), as: UTF8.self) } }

        func same(as other: Key) -> Bool {
            if let a = raw, let b = other.raw { return a.elementsEqual(b) }
            return string == other.string
        }

        static func ~= (name: StaticString, key: Key) -> Bool {
            let n = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            if let raw = key.raw { return raw.elementsEqual(n) }
            return key.text.map { $0.utf8.elementsEqual(n) } ?? false
        }
    }

    mutating func key() -> Key? {
        skipSpace()
        guard i < b.count, b[i] == 0x22 else { return nil }
        var j = i + 1
        while j < b.count, b[j] != 0x22, b[j] != 0x5C, b[j] >= 0x20 { j += 1 }
        if j < b.count, b[j] == 0x22 {
            defer { i = j + 1 }
            return Key(raw: b[(i + 1) ..< j], text: nil)
        }
        return string().map { Key(raw: nil, text: $0) }
    }

    /// Calls `body` for each key of an object (the cursor on its value); false when the body refuses or
    /// a key repeats (left to JSONDecoder). Objects here have tens of keys: a linear check is the cheapest.
    mutating func object(_ body: (inout FastJSON, Key) -> Bool) -> Bool {
        guard take(0x7B) else { return false }
        if take(0x7D) { return true }
        var seen: [Key] = []
        repeat {
            guard let key = key(), !seen.contains(where: { $0.same(as: key) }), take(0x3A), body(&self, key) else { return false }
            seen.append(key)
        } while take(0x2C)
        return take(0x7D)
    }

    mutating func array(_ body: (inout FastJSON) -> Bool) -> Bool {
        guard take(0x5B) else { return false }
        if take(0x5D) { return true }
        repeat {
            guard body(&self) else { return false }
        } while take(0x2C)
        return take(0x5D)
    }

    /// An optional value: nil for null (as `decodeIfPresent` reads it), else what `read` gives.
    mutating func optional<T>(_ read: (inout FastJSON) -> T?) -> T?? {
        if null() { return .some(nil) }
        guard let v = read(&self) else { return nil }
        return .some(v)
    }

    // MARK: - The format

    mutating func progress() -> LearnerProgress? {
        var version: Int?
        var p = LearnerProgress()
        let ok = object { r, key in
            switch key {
            case "format_version": version = r.int(); return version != nil
            case "learner": guard let v = r.optional({ $0.string() }) else { return false }; p.learner = v; return true
            case "lessons":
                if r.null() { return true }
                return r.object { r, id in
                    guard let id = id.string, let l = r.lesson() else { return false }
                    p.lessons[id] = l
                    return true
                }
            case "resume":
                guard let v = r.optional({ $0.resume() }) else { return false }
                p.resumePoint = v
                return true
            default: return false
            }
        }
        guard ok, let version, version >= 1, version <= LearnerProgress.currentFormatVersion else { return nil }
        p.formatVersion = version
        return p
    }

    mutating func lesson() -> LessonProgress? {
        var l = LessonProgress()
        let ok = object { r, key in
            switch key {
            case "items":
                if r.null() { return true }
                return r.object { r, id in
                    guard let id = id.string, let item = r.item() else { return false }
                    l.items[id] = item
                    return true
                }
            case "tests": if r.null() { return true }; return r.array { r in r.score().map { l.tests.append($0) } != nil }
            case "challenges": if r.null() { return true }; return r.array { r in r.score().map { l.challenges.append($0) } != nil }
            default: return false
            }
        }
        return ok ? l : nil
    }

    mutating func score() -> Score? {
        var score: Int?, total: Int?, at: Date?
        let ok = object { r, key in
            switch key {
            case "score": score = r.int(); return score != nil
            case "total": total = r.int(); return total != nil
            case "at": at = r.date(); return at != nil
            default: return false
            }
        }
        guard ok, let score, let total, let at, score >= 0, total >= score else { return nil }
        return Score(score: score, total: total, at: at)
    }

    mutating func resume() -> ResumePoint? {
        var lesson: String?, mode: String?, task: String?, at: Date?
        let ok = object { r, key in
            switch key {
            case "lesson": lesson = r.string(); return lesson != nil
            case "mode": mode = r.string(); return mode != nil
            case "task": task = r.string(); return task != nil
            case "at": at = r.date(); return at != nil
            default: return false
            }
        }
        guard ok, let lesson, let mode, let task, let at else { return nil }
        return ResumePoint(lesson: lesson, mode: mode, task: task, at: at)
    }

    mutating func item() -> ItemProgress? {
        var p = ItemProgress()
        let ok = object { r, key in
            func flag(_ set: (Bool) -> Void) -> Bool {
                guard let v = r.optional({ $0.bool() }) else { return false }
                if let v { set(v) }
                return true
            }
            switch key {
            case "attempts_used":
                guard let v = r.optional({ $0.int() }) else { return false }
                p.attemptsUsed = v ?? 0
                return p.attemptsUsed >= 0
            case "solved": return flag { p.solved = $0 }
            case "missed": return flag { p.missed = $0 }
            case "hint_seen": return flag { p.hintSeen = $0 }
            case "mistakes_seen": return flag { p.mistakesSeen = $0 }
            case "solution_seen": return flag { p.solutionSeen = $0 }
            case "right_at_first_try":
                guard let v = r.optional({ $0.bool() }) else { return false }
                p.rightAtFirstTry = v
                return true
            case "first_at":
                guard let v = r.optional({ $0.date() }) else { return false }
                p.firstAt = v
                return true
            case "last_at":
                guard let v = r.optional({ $0.date() }) else { return false }
                p.lastAt = v
                return true
            case "history":
                if r.null() { return true }
                return r.array { r in r.answer().map { p.history.append($0) } != nil }
            default: return false
            }
        }
        return ok ? p : nil
    }

    mutating func answer() -> Answer? {
        var at: Date?, mode: AnswerMode?
        var a = Answer(at: Date(timeIntervalSince1970: 0), mode: .try, grade: nil)
        let ok = object { r, key in
            switch key {
            case "at": at = r.date(); return at != nil
            case "mode": mode = r.string().flatMap(AnswerMode.init(rawValue:)); return mode != nil
            case "chosen":
                if r.null() { return true }
                var chosen: [String?] = []
                guard r.array({ r in
                    guard let v = r.optional({ $0.string() }) else { return false }
                    chosen.append(v)
                    return true
                }) else { return false }
                a.chosen = chosen
                return true
            case "wrong_blanks":
                if r.null() { return true }
                return r.array { r in
                    guard let n = r.int(), n >= 1 else { return false }
                    a.wrongBlanks.append(n)
                    return true
                }
            case "correct":
                guard let v = r.optional({ $0.bool() }) else { return false }
                a.correct = v
                return true
            case "attempt":
                guard let v = r.optional({ $0.int() }), (v ?? 1) >= 1 else { return false }
                a.attempt = v
                return true
            case "seconds":
                guard let v = r.optional({ $0.int() }), (v ?? 0) >= 0 else { return false }
                a.seconds = v
                return true
            case "grade":
                if r.null() { return true }
                guard let g = r.string().flatMap(Grade.init(rawValue:)) else { return false }
                a.grade = g
                return true
            case "timed_out":
                guard let v = r.optional({ $0.bool() }) else { return false }
                a.timedOut = v ?? false
                return true
            default: return false
            }
        }
        guard ok, let at, let mode else { return nil }
        a.at = at
        a.mode = mode
        return a
    }
}
