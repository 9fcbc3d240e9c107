import Testing
@testable import TutorCore

/// `b` (the next batch element) with one element says so instead of doing nothing.
@Suite struct VisualizerBatchKeyTests {
    @Test func bWithOneBatchElementSaysSo() {
        var state = SeedLesson.state(.visualize)
        _ = state.update(.key(.char("b")))
        #expect(state.note == "This input has one batch element; b switches between several.")
    }
}
