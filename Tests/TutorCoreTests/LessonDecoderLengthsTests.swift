import Foundation
import Testing
@testable import TutorCore

/// The visualize section's `lengths:` (a padded batch): read when right, one problem at its place when not.
@Suite struct LessonDecoderLengthsTests {
    static func yaml(_ extra: String, input: String = "[[[1], [2]], [[3], [0]], [[5], [0]]]") -> String {
        LessonDecoderTests.header + """
        visualize:
          minutes: 1
          module: RNN
          input_size: 1
          hidden_size: 2
          seed: 0
          input: \(input)
        \(extra)
        """
    }

    static func problems(_ yaml: String) -> [String] {
        LessonDecoder.decodeLesson(yaml: yaml, file: "l.yaml").problems.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }
    }

    @Test func readsOneLengthPerBatchElementInAnyOrder() throws {
        let v = try #require(LessonDecoder.decodeLesson(yaml: Self.yaml("  lengths: [1, 3]"), file: "l.yaml").lesson?.visualize)
        #expect(v.lengths == [1, 3])
        let plain = try #require(LessonDecoder.decodeLesson(yaml: Self.yaml(""), file: "l.yaml").lesson?.visualize)
        #expect(plain.lengths == nil)
    }

    @Test func aCountThatIsNotTheBatchIsReportedAtTheList() {
        #expect(Self.problems(Self.yaml("  lengths: [3, 2, 1]")) == ["l.yaml:12:12: 3 lengths for a batch of 2; give one length per batch element"])
    }

    @Test func aLengthOutOfRangeIsReportedAtThatLength() {
        #expect(Self.problems(Self.yaml("  lengths: [3, 0]")) == ["l.yaml:12:16: length 0 of batch element 1 is not between 1 and the input's 3 time steps"])
        #expect(Self.problems(Self.yaml("  lengths:\n    - 4\n    - 1")) == ["l.yaml:13:7: length 4 of batch element 0 is not between 1 and the input's 3 time steps"])
    }

    @Test func aLengthThatIsNotANumberIsReported() {
        #expect(Self.problems(Self.yaml("  lengths: [3, two]")) == ["l.yaml:12:16: 'lengths' must hold whole numbers, got 'two'"])
        #expect(Self.problems(Self.yaml("  lengths: 3")) == ["l.yaml:12:12: 'lengths' must be a list (lines starting with '- ')"])
    }

    @Test func anUnbatchedInputOrABidirectionalModuleHasNoLengths() {
        #expect(Self.problems(Self.yaml("  lengths: [2]", input: "[[1], [2]]"))
            == ["l.yaml:12:12: 'lengths' needs a batched input (seq_len × batch × input_size); this input has no batch"])
        #expect(Self.problems(Self.yaml("  bidirectional: true\n  lengths: [3, 1]"))
            == ["l.yaml:13:12: 'lengths' is for a one-direction module; remove 'bidirectional: true' or 'lengths'"])
    }
}
