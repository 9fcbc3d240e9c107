import Foundation
import Testing
@testable import RNNEngine

/// A small bounded fuzz of the case decoder and runner (`EngineCase.run(_:)`, the pure function `unroll engine`
/// calls): fixture cases mutated at random (numbers swapped for edge values, characters cut, inserted, lists
/// nested or torn) plus random JSON, 3,000 in all from a fixed seed. Every one must end in exactly one of the
/// three documented outcomes, and nothing may trap. (The libFuzzer harness of issue 14 drives the same entry.)
@Suite struct EngineFuzzTests {
    /// Integers a mutation puts in: small, zero, negative, and sizes past every limit. Not values that pass the
    /// budget yet take long (hidden_size 3000), which a fuzz test has no time for.
    static let edgeInts = ["0", "1", "2", "3", "-1", "-7", "100000", "2147483648", "4611686018427387904",
                           "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e308", "-0.0",
                           "NaN", "Infinity", "0.5", "true", "null", "\"a\"", "[]", "{}"]
    static let fragments = ["[", "]", "{", "}", ",", ":", "\"", "[[", "]]", "\"input\": ", "\"hx\": [[1]]", "1e999", "\\u0000"]

    static let seeds: [String] = {
        let modules = Fixtures.list("modules").prefix(25).map { String(decoding: Fixtures.caseData($0), as: UTF8.self) }
        let grads = GradientFixtures.list("engine_cases").prefix(15).map { String(decoding: Fixtures.caseData($0), as: UTF8.self) }
        return modules + grads
    }()

    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var s = Array(text.utf8)
        for _ in 0..<(1 + Int(rng.next() % 2)) {
            guard !s.isEmpty else { break }
            let at = Int(rng.next() % UInt64(s.count))
            switch rng.next() % 10 {
            case 0...5:   // a number replaced by an edge value (the JSON stays valid: the checks behind it run)
                var start = at
                while start < s.count, !(s[start] >= 0x30 && s[start] <= 0x39) { start += 1 }
                var end = start
                while end < s.count, (s[end] >= 0x30 && s[end] <= 0x39) || s[end] == UInt8(ascii: ".") { end += 1 }
                if start < s.count { s.replaceSubrange(start..<end, with: Array(edgeInts[Int(rng.next() % UInt64(edgeInts.count))].utf8)) }
            case 6: s.removeSubrange(at..<min(s.count, at + 1 + Int(rng.next() % 8)))
            case 7: s.insert(contentsOf: Array(fragments[Int(rng.next() % UInt64(fragments.count))].utf8), at: at)
            case 8: s = Array(s[..<at])
            default:   // a stretch duplicated: lists grow ragged or longer
                let len = min(s.count - at, 1 + Int(rng.next() % 40))
                s.insert(contentsOf: s[at..<(at + len)], at: at)
            }
        }
        return String(decoding: s, as: UTF8.self)
    }

    static func randomJSON(_ rng: inout SplitMix64, depth: Int = 0) -> String {
        switch rng.next() % (depth > 4 ? 3 : 6) {
        case 0: return edgeInts[Int(rng.next() % UInt64(edgeInts.count))]
        case 1: return "\"\(["module", "RNN", "LSTM", "GRU", "x"][Int(rng.next() % 5)])\""
        case 2: return String(Double(Int(rng.next() % 2000)) / 100 - 10)
        case 3, 4: return "[" + (0..<Int(rng.next() % 4)).map { _ in randomJSON(&rng, depth: depth + 1) }.joined(separator: ", ") + "]"
        default:
            let keys = ["module", "config", "input", "hx", "state_dict", "seed", "grad_output", "grad_h_n", "grad_c_n", "input_size", "hidden_size"]
            return "{" + (0..<Int(rng.next() % 5)).map { _ in
                "\"\(keys[Int(rng.next() % UInt64(keys.count))])\": \(randomJSON(&rng, depth: depth + 1))"
            }.joined(separator: ", ") + "}"
        }
    }

    @Test func threeThousandCasesEndInADocumentedOutcome() throws {
        var rng = SplitMix64(seed: 14)
        var counts = [0, 0, 0]
        for i in 0..<3000 {
            let text = i % 5 == 4 ? Self.randomJSON(&rng) : Self.mutate(Self.seeds[i % Self.seeds.count], &rng)
            let out = EngineCase.run(Data(text.utf8))
            switch out.kind {
            case .result(let json):
                #expect(out.exitCode == 0)
                #expect((try? JSONValue.parse(Data(json.utf8)))?["output"] != nil, "\(text.prefix(300))")
            case .torchError(let e):
                #expect(out.exitCode == 1 && !e.type.isEmpty && !e.message.isEmpty)
                #expect(out.stdout?.hasPrefix("{\"error\": {\"type\": ") == true)
            case .invalid(let m):
                #expect(out.exitCode == 2 && out.stdout == nil && !m.isEmpty && !m.contains("\n"), "\(m)")
                #expect(out.stderr.last == "unroll engine: invalid case: \(m)")
            }
            counts[Int(out.exitCode)] += 1
        }
        // The mutations reach all three outcomes (a fuzz that only ever hits parse errors tests little).
        #expect(counts[0] > 300 && counts[1] > 30 && counts[2] > 300, "outcomes \(counts)")
    }
}
