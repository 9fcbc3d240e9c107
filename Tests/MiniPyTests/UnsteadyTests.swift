import MiniPy
import Testing

/// A run says when its output could differ on the next run (what `unroll check` may not keep): a set's
/// order of anything but ints is hashed with a per-process seed, as CPython's str hash is, and `id()` is an address.
@Suite struct UnsteadyTests {
    @Test(arguments: [
        "print({'a', 'b'})",
        "s = set(); s.add(1.5); print(len(s))",
        "print(sorted({(1, 2), (3, 4)}))",
        "print({None})",
        "class A: pass\nprint(id(A()) > 0)",
        "print(id(1) > 0)",
        "try:\n    print(frozenset(['x']))\nexcept Exception:\n    pass",
    ])
    func anOrderOrAnAddressThatVariesIsSaid(_ source: String) {
        let outcome = MiniPy.run(source)
        #expect(outcome.error == nil, "\(outcome.stderr)")
        #expect(outcome.unsteady)
    }

    @Test(arguments: [
        "print({3, 1, 2})",
        "print({True, 2})",
        "print({'a': 1, 'b': 2})",
        "print(hash('a') == hash('a'), hash((1, 2)))",
        "class K:\n    def __init__(self, n): self.n = n\n    def __hash__(self): return self.n\n    def __eq__(self, o): return self.n == o.n\nprint(len({K(1), K(2), K(1)}))",
        "import torch\ntorch.manual_seed(0)\nprint(torch.randn(2))",
        "print([x * 2 for x in range(3)])",
    ])
    func aRunThatGivesTheSameEveryTimeIsSteady(_ source: String) {
        let outcome = MiniPy.run(source)
        #expect(outcome.error == nil, "\(outcome.stderr)")
        #expect(!outcome.unsteady)
    }

    @Test func aCustomHashPlacesItemsByItsValueAsCPythonDoes() {
        // CPython puts an item at hash % 8 in an empty set of 8 slots: 3, then 9 (slot 1), then 4.
        let source = "class K:\n    def __init__(self, n): self.n = n\n    def __hash__(self): return self.n\n    def __eq__(self, o): return self.n == o.n\n    def __repr__(self): return str(self.n)\nprint({K(3), K(9), K(4)})"
        #expect(MiniPy.run(source).stdout == "{9, 3, 4}\n")
    }
}
