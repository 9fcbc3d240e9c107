import Testing
@testable import RNNEngine
@Suite struct RNNEngineSmokeTests { @Test func builds() { #expect(true) } }
