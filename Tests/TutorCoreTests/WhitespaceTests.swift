import Foundation
import RNNEngine
import Testing
@testable import TutorCore

@Suite struct WhitespaceTests {
    /// `trimmingWhitespace` stands in for Foundation's `trimmingCharacters(in: .whitespaces)`: it must
    /// trim exactly what Foundation trims, including the non-ASCII space separators, and nothing else
    /// (newlines, other format characters and combining marks stay).
    @Test func trimsWhatFoundationTrims() {
        let alphabet: [String] = [" ", "\t", "\u{A0}", "\u{3000}", "\u{2009}", "\u{202F}", "\u{1680}", "\n", "\r\n",
                                  "\u{85}", "\u{200B}", "\u{200C}", "\u{FEFF}", "\u{2028}", "a", "é", "e\u{301}", "\u{301}", ":", "🙂"]
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let text = (0..<Int(rng.next() % 8)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            let sub = Substring(text)
            #expect(sub.trimmingWhitespace == sub.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
        // Every scalar, one at a time between letters.
        for v in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            #expect(scalar.isTabOrSpaceSeparator == CharacterSet.whitespaces.contains(scalar), "U+\(String(v, radix: 16))")
        }
    }
}
