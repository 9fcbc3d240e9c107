/// `from __future__ import print_function, division` heads tutorial code written for Python 2; in Python 3 every
/// feature is already on, so importing one changes nothing. And `from io import open` beside it: io's `open` is
/// the built-in one (which MiniPy lacks, and says so when called).
extension PythonModules {
    nonisolated(unsafe) static let future: Namespace = {
        var a: [String: PyValue] = [:]
        let features: [(String, String)] = [
            ("nested_scopes", "(2, 1, 0, 'beta', 1), (2, 2, 0, 'alpha', 0), 16"),
            ("generators", "(2, 2, 0, 'alpha', 1), (2, 3, 0, 'final', 0), 0"),
            ("division", "(2, 2, 0, 'alpha', 2), (3, 0, 0, 'alpha', 0), 131072"),
            ("absolute_import", "(2, 5, 0, 'alpha', 1), (3, 0, 0, 'alpha', 0), 262144"),
            ("with_statement", "(2, 5, 0, 'alpha', 1), (2, 6, 0, 'alpha', 0), 524288"),
            ("print_function", "(2, 6, 0, 'alpha', 2), (3, 0, 0, 'alpha', 0), 1048576"),
            ("unicode_literals", "(2, 6, 0, 'alpha', 2), (3, 0, 0, 'alpha', 0), 2097152"),
            ("generator_stop", "(3, 5, 0, 'beta', 1), (3, 7, 0, 'alpha', 0), 8388608"),
            ("annotations", "(3, 7, 0, 'beta', 1), None, 16777216"),
        ]
        for (name, state) in features { a[name] = .object(FutureFeature("_Feature(\(state))")) }
        a["all_feature_names"] = .list(PyList(features.map { .str($0.0) }))
        return Namespace("__future__", a)
    }()

    nonisolated(unsafe) static let io = Namespace("io", ["open": Builtins.all["open"]!])
}

/// A `__future__` feature: only ever imported (and, rarely, printed).
final class FutureFeature: PyObject {
    let text: String
    init(_ text: String) { self.text = text }
    override var typeName: String { "_Feature" }
    override func repr(_ interp: Interpreter) -> String { text }
}
