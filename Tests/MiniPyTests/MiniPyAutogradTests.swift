import Testing
@testable import MiniPy

/// Autograd behaviour the fixture table (values compared with torch) cannot show.
@Suite struct MiniPyAutogradTests {
    /// A loop makes a chain of one graph node per step. Releasing it must not recurse once per node: a
    /// 30,000-step chain used to overflow the stack and crash the program when the graph was dropped.
    @Test func aLongChainIsReleasedWithoutRecursion() {
        let code = """
            import torch
            w = torch.tensor(1.00001, requires_grad=True)
            h = torch.tensor(1.0)
            for t in range(30000):
                h = h * w
            h.backward()
            print(round(w.grad.item()))
            h = None
            print("released")
            """
        let r = MiniPy.run(code, limits: Limits(wallTime: 120))
        #expect(r.error == nil)
        // d(w^n)/dw = n w^(n-1) = 30000 · 1.00001^29999 ≈ 40,499 (float32 rounding aside).
        #expect(r.stdout.hasSuffix("released\n"))
        #expect(Int(r.stdout.split(separator: "\n").first ?? "").map { abs($0 - 40_499) < 50 } == true)
    }

    /// Inside torch.no_grad() nothing is recorded, and the mode is restored after the block, also when the
    /// block raises.
    @Test func noGradRecordsNothingAndIsRestored() {
        let code = """
            import torch
            x = torch.tensor([1.0], requires_grad=True)
            try:
                with torch.no_grad():
                    y = x * 2
                    raise ValueError("inside")
            except ValueError:
                pass
            z = x * 2
            print(y.requires_grad, z.requires_grad, torch.is_grad_enabled())
            """
        let r = MiniPy.run(code)
        #expect(r.error == nil)
        #expect(r.stdout == "False True True\n")
    }
}
