/// One node of a composed YAML document, with where it was written.
///
/// Aliases are resolved to the node they name (shared, not copied), so `YAMLNode` has no alias case;
/// `YAMLComposer` bounds how much a document may grow through them.
///
/// ```swift
/// let root = try YAMLComposer.compose(Array("id: x\n".utf8))
/// root?.mapping?.first?.value.scalar?.string   // "x"
/// ```
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    struct Scalar: Sendable {
        enum Style: Sendable { case plain, singleQuoted, doubleQuoted, literal, folded }

        var string: String
        var style: Style
        var position: SourcePosition
        /// Set on a mapping key written a second time in the same mapping: the line of its first use.
        var repeatsKeyOnLine: Int?

        /// YAML's null: a plain `~`, `null`, `Null`, `NULL`, or nothing at all (`key:` with no value).
        var isNull: Bool {
            // Each null is at most 4 bytes, and only its own characters are canonically equal to them.
            guard style == .plain, string.utf8.count <= 4 else { return false }
            switch string {
            case "", "~", "null", "Null", "NULL": return true
            default: return false
            }
        }
    }

    /// Key–value pairs in the order written. Repeated keys are kept (marked on the key's scalar),
    /// so the decoder can report each one where it was written.
    struct Mapping: RandomAccessCollection, Sendable {
        /// A struct, not a tuple: an array of tuples is copied and destroyed through the runtime's
        /// generic tuple witnesses, an array of structs through code made for it.
        struct Pair: Sendable {
            var key: YAMLNode
            var value: YAMLNode
        }

        var pairs: [Pair]
        var position: SourcePosition

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(index: Int) -> (key: YAMLNode, value: YAMLNode) { (pairs[index].key, pairs[index].value) }
    }

    struct Sequence: RandomAccessCollection, Sendable {
        var items: [YAMLNode]
        var position: SourcePosition

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(index: Int) -> YAMLNode { items[index] }
    }

    /// Where the node starts: its anchor (`&name`) if it has one, else its first character; for a
    /// block mapping, its first key.
    var position: SourcePosition {
        switch self {
        case .scalar(let s): s.position
        case .mapping(let m): m.position
        case .sequence(let s): s.position
        }
    }

    var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    var mapping: Mapping? {
        if case .mapping(let m) = self { return m }
        return nil
    }
}
