import Testing
@testable import TutorCore
@Suite struct TutorCoreSmokeTests { @Test func builds() { #expect(true) } }
