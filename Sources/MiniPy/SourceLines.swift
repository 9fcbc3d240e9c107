/// A program's lines, for the text a syntax error shows. Split only when asked: most programs parse without
/// an error, and splitting every program up front was a measurable part of each run.
final class SourceLines {
    let source: String
    /// `source` split at each "\n" Character (so "\r\n" does not split, as before).
    private(set) lazy var all: [String] = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    init(_ source: String) { self.source = source }

    var count: Int { all.count }
    var last: String? { all.last }

    /// Line `line` (1-based), or "" past either end.
    func text(_ line: Int) -> String { line >= 1 && line <= all.count ? all[line - 1] : "" }
}
