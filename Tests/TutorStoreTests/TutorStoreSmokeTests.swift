import Testing
@testable import TutorStore
@Suite struct TutorStoreSmokeTests { @Test func builds() { #expect(true) } }
