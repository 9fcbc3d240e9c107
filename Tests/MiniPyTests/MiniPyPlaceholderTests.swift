import Testing
@testable import MiniPy

@Suite struct MiniPyPlaceholderTests {
    @Test func moduleLinks() { #expect(String(describing: MiniPy.self) == "MiniPy") }
}
