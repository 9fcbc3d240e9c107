/// `torch.set_printoptions(precision, threshold, edgeitems, linewidth, profile, sci_mode)` as torch's: a profile
/// first ("default", "short", "full"; another name changes nothing), then each option given, and `sci_mode`
/// always (left out, it goes back to choosing from the values).
extension Interpreter {
    func setPrintOptions(_ args: [PyValue], _ kwargs: [(String, PyValue)]) throws(PyError) {
        let b = try bind("set_printoptions", ["precision", "threshold", "edgeitems", "linewidth", "profile", "sci_mode"],
                         required: 0, args, kwargs)
        var o = printOptions
        if case .str(let profile)? = b[4] {
            switch profile {
            case "default": o = TensorFormat.Options()
            case "short": o.precision = 2; o.threshold = 1000; o.edgeitems = 2; o.linewidth = 80
            case "full": o.precision = 4; o.threshold = Int.max; o.edgeitems = 3; o.linewidth = 80
            default: break
            }
        }
        // torch stores whatever it is given and fails when it next prints; MiniPy takes whole numbers only.
        func whole(_ k: Int, _ name: String) throws(PyError) -> Int? {
            guard let v = b[k], !v.isNone else { return nil }
            if name == "threshold", case .float(let f) = v, f == .infinity { return Int.max }
            if case .int(let n) = v { return n }
            throw PyError(type: "NotImplementedError", message: "MiniPy does not support set_printoptions(\(name)=\(repr(v))) yet")
        }
        if let p = try whole(0, "precision") { o.precision = p }
        if let t = try whole(1, "threshold") { o.threshold = t }
        if let e = try whole(2, "edgeitems") { o.edgeitems = e }
        if let l = try whole(3, "linewidth") { o.linewidth = l }
        o.sciMode = try b[5].flatMap { v throws(PyError) -> Bool? in v.isNone ? nil : try v.truthy() }
        printOptions = o
    }
}
