import Testing
@testable import TutorRender
@Suite struct TutorRenderSmokeTests { @Test func builds() { #expect(true) } }
