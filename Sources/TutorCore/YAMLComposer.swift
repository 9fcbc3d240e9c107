/// Builds the node tree of one YAML document from `YAMLScanner`'s tokens, following libyaml's
/// grammar (the same positions and error sentences), with three guards libyaml and Yams lack:
///
/// - Aliases may add at most `limits.aliasNodes` nodes and `limits.aliasBytes` bytes of text to the
///   document when expanded, so a few hundred bytes of nested aliases (a "billion laughs") cannot
///   grow into gigabytes in whatever walks the tree.
/// - Lists and mappings nest at most `limits.nesting` deep (the decoder walks the tree recursively).
/// - A key repeated in a mapping is marked, not fatal: the pair is kept and its key carries the line
///   of the first use, found with one hash lookup per key.
///
/// - Complexity: O(n) in the length of the text.
struct YAMLComposer {
    struct Limits: Sendable {
        var nesting = 100
        var aliasNodes = 100_000
        var aliasBytes = 1 << 20
    }

    /// Expanded size of a node: nodes (each scalar, list and mapping counts one) and bytes of scalar text.
    private struct Size {
        var nodes = 0, bytes = 0
        static func + (a: Size, b: Size) -> Size { Size(nodes: a.nodes + b.nodes, bytes: a.bytes + b.bytes) }
    }

    private typealias Token = YAMLScanner.Token
    private typealias Mark = YAMLScanner.Mark

    private var scanner: YAMLScanner
    private let limits: Limits
    private var anchors: [String: (node: YAMLNode, size: Size)] = [:]
    private var aliasGrowth = Size()
    private var depth = 0

    /// The document's root, or nil when the text holds no document (only comments or nothing).
    static func compose(_ text: [UInt8], limits: Limits = Limits()) throws(YAMLError) -> YAMLNode? {
        var composer = YAMLComposer(scanner: YAMLScanner(text, maxNesting: limits.nesting + 10), limits: limits)
        return try composer.document()
    }

    private init(scanner: YAMLScanner, limits: Limits) {
        self.scanner = scanner
        self.limits = limits
    }

    private func error(_ context: String?, _ contextMark: Mark?, _ problem: String, at mark: Mark) -> YAMLError {
        let prefix = context.map { c in contextMark.map { "\(c) (line \($0.line + 1), column \($0.column + 1)): " } ?? "\(c): " } ?? ""
        return YAMLError(message: prefix + problem, line: mark.line + 1, column: mark.column + 1)
    }

    private mutating func peek() throws(YAMLError) -> Token { try scanner.peek() }

    // MARK: Documents

    private mutating func document() throws(YAMLError) -> YAMLNode? {
        _ = try peek()  // STREAM-START
        scanner.skip()
        var token = try peek()
        let root: YAMLNode
        switch token.kind {
        case .streamEnd:
            return nil
        case .documentStart:
            scanner.skip()
            token = try peek()
            switch token.kind {
            case .documentStart, .documentEnd, .streamEnd: root = emptyScalar(token.start)
            default: root = try node(block: true, indentless: false).node
            }
        default:
            root = try node(block: true, indentless: false).node
        }
        token = try peek()
        while token.kind == .documentEnd {
            scanner.skip()
            token = try peek()
        }
        switch token.kind {
        case .streamEnd:
            return root
        case .documentStart:
            throw error(nil, nil, "a lesson file is one YAML document, but another document starts here", at: token.start)
        default:
            throw error(nil, nil, "did not find expected <document start>", at: token.start)
        }
    }

    // MARK: Nodes

    private func emptyScalar(_ mark: Mark) -> YAMLNode {
        .scalar(YAMLNode.Scalar(string: "", style: .plain, position: mark.position))
    }

    /// A node: an alias, or an optional anchor then a scalar or a collection.
    private mutating func node(block: Bool, indentless: Bool) throws(YAMLError) -> (node: YAMLNode, size: Size) {
        var token = try peek()
        if token.kind == .alias {
            let name = scanner.value(of: token)
            scanner.skip()
            guard let (node, size) = anchors[name] else {
                throw error(nil, nil, "found undefined alias", at: token.start)
            }
            aliasGrowth = aliasGrowth + size
            if aliasGrowth.nodes > limits.aliasNodes || aliasGrowth.bytes > limits.aliasBytes {
                throw error(nil, nil, "aliases expand this document by more than \(limits.aliasNodes) values or \(limits.aliasBytes / 1024) KB of text; reuse less through '*' aliases", at: token.start)
            }
            return (node, size)
        }
        let start = token.start
        var anchor: String?
        if token.kind == .anchor {
            anchor = scanner.value(of: token)
            scanner.skip()
            token = try peek()
        }
        let result: (node: YAMLNode, size: Size)
        switch token.kind {
        case .blockEntry where indentless:
            result = try collection(token) { c throws(YAMLError) in try c.indentlessSequence(start) }
        case .scalar(let style):
            let string = scanner.value(of: token)
            scanner.skip()
            result = (.scalar(YAMLNode.Scalar(string: string, style: style, position: start.position)),
                      Size(nodes: 1, bytes: string.utf8.count))
        case .flowSequenceStart:
            result = try collection(token) { c throws(YAMLError) in try c.flowSequence(start) }
        case .flowMappingStart:
            result = try collection(token) { c throws(YAMLError) in try c.flowMapping(start) }
        case .blockSequenceStart where block:
            result = try collection(token) { c throws(YAMLError) in try c.blockSequence(start) }
        case .blockMappingStart where block:
            result = try collection(token) { c throws(YAMLError) in try c.blockMapping(start) }
        default:
            guard anchor != nil else {
                throw error(block ? "while parsing a block node" : "while parsing a flow node", start,
                            "did not find expected node content", at: token.start)
            }
            result = (emptyScalar(start), Size(nodes: 1, bytes: 0))
        }
        if let anchor { anchors[anchor] = result }
        return result
    }

    /// Runs `body` one nesting level deeper, refusing to go past the limit.
    private mutating func collection(_ token: Token, _ body: (inout YAMLComposer) throws(YAMLError) -> (YAMLNode, Size))
        throws(YAMLError) -> (node: YAMLNode, size: Size) {
        guard depth < limits.nesting else {
            throw error(nil, nil, "lists and mappings are nested more than \(limits.nesting) levels deep", at: token.start)
        }
        depth += 1
        defer { depth -= 1 }
        let (node, size) = try body(&self)
        return (node, size + Size(nodes: 1, bytes: 0))
    }

    /// Collects a mapping's pairs, marking a key already used in it. Small mappings (most of a
    /// lesson's) are searched directly; from 16 keys on, a table keeps each lookup O(1).
    private struct PairList {
        var pairs: [YAMLNode.Mapping.Pair] = []
        /// The scalar keys not marked as repeats (so each text once), with their lines: what a new key is looked up in.
        var keys: [(string: String, line: Int)] = []
        var firstLines: [String: Int] = [:]
        var size = Size()

        mutating func append(_ key: consuming (node: YAMLNode, size: Size), _ value: consuming (node: YAMLNode, size: Size)) {
            size = size + key.size + value.size
            if case .scalar(let s) = key.node {
                if let first = firstLine(of: s.string) {
                    var marked = s
                    marked.repeatsKeyOnLine = first
                    pairs.append(YAMLNode.Mapping.Pair(key: .scalar(marked), value: value.node))
                    return
                }
                keys.append((s.string, s.position.line))
                if !firstLines.isEmpty || pairs.count >= 16 {
                    if firstLines.isEmpty {
                        for (k, line) in keys { firstLines[k] = line }
                    } else {
                        firstLines[s.string] = s.position.line
                    }
                }
            }
            pairs.append(YAMLNode.Mapping.Pair(key: key.node, value: value.node))
        }

        private func firstLine(of key: String) -> Int? {
            if !firstLines.isEmpty { return firstLines[key] }
            for k in keys where k.string == key { return k.line }
            return nil
        }
    }

    // MARK: Block collections

    private mutating func blockSequence(_ start: Mark) throws(YAMLError) -> (YAMLNode, Size) {
        let first = try peek()  // BLOCK-SEQUENCE-START
        scanner.skip()
        var items: [YAMLNode] = [], size = Size()
        while true {
            var token = try peek()
            switch token.kind {
            case .blockEntry:
                let mark = token.end
                scanner.skip()
                token = try peek()
                let item: (node: YAMLNode, size: Size)
                switch token.kind {
                case .blockEntry, .blockEnd: item = (emptyScalar(mark), Size(nodes: 1, bytes: 0))
                default: item = try node(block: true, indentless: false)
                }
                items.append(item.node)
                size = size + item.size
            case .blockEnd:
                scanner.skip()
                return (.sequence(YAMLNode.Sequence(items: items, position: start.position)), size)
            default:
                throw error("while parsing a block collection", first.start, "did not find expected '-' indicator", at: token.start)
            }
        }
    }

    /// `key:` followed by `- item` lines at the key's own indentation.
    private mutating func indentlessSequence(_ start: Mark) throws(YAMLError) -> (YAMLNode, Size) {
        var items: [YAMLNode] = [], size = Size()
        while true {
            var token = try peek()
            guard token.kind == .blockEntry else {
                return (.sequence(YAMLNode.Sequence(items: items, position: start.position)), size)
            }
            let mark = token.end
            scanner.skip()
            token = try peek()
            let item: (node: YAMLNode, size: Size)
            switch token.kind {
            case .blockEntry, .key, .value, .blockEnd: item = (emptyScalar(mark), Size(nodes: 1, bytes: 0))
            default: item = try node(block: true, indentless: false)
            }
            items.append(item.node)
            size = size + item.size
        }
    }

    private mutating func blockMapping(_ start: Mark) throws(YAMLError) -> (YAMLNode, Size) {
        let first = try peek()  // BLOCK-MAPPING-START
        scanner.skip()
        var list = PairList()
        while true {
            var token = try peek()
            let key: (node: YAMLNode, size: Size)
            switch token.kind {
            case .key:
                let mark = token.end
                scanner.skip()
                token = try peek()
                switch token.kind {
                case .key, .value, .blockEnd: key = (emptyScalar(mark), Size(nodes: 1, bytes: 0))
                default: key = try node(block: true, indentless: true)
                }
            case .blockEnd:
                scanner.skip()
                return (.mapping(YAMLNode.Mapping(pairs: list.pairs, position: start.position)), list.size)
            default:
                throw error("while parsing a block mapping", first.start, "did not find expected key", at: token.start)
            }
            token = try peek()
            let value: (node: YAMLNode, size: Size)
            if token.kind == .value {
                let mark = token.end
                scanner.skip()
                token = try peek()
                switch token.kind {
                case .key, .value, .blockEnd: value = (emptyScalar(mark), Size(nodes: 1, bytes: 0))
                default: value = try node(block: true, indentless: true)
                }
            } else {
                value = (emptyScalar(token.start), Size(nodes: 1, bytes: 0))
            }
            list.append(key, value)
        }
    }

    // MARK: Flow collections

    private mutating func flowSequence(_ start: Mark) throws(YAMLError) -> (YAMLNode, Size) {
        let first = try peek()  // '['
        scanner.skip()
        var items: [YAMLNode] = [], size = Size()
        var isFirst = true
        while true {
            var token = try peek()
            if token.kind != .flowSequenceEnd {
                if !isFirst {
                    guard token.kind == .flowEntry else {
                        throw error("while parsing a flow sequence", first.start, "did not find expected ',' or ']'", at: token.start)
                    }
                    scanner.skip()
                    token = try peek()
                }
                isFirst = false
                if token.kind == .key {
                    let pair = try singlePairMapping(token)
                    items.append(pair.0)
                    size = size + pair.1
                    continue
                } else if token.kind != .flowSequenceEnd {
                    let item = try node(block: false, indentless: false)
                    items.append(item.node)
                    size = size + item.size
                    continue
                }
            }
            scanner.skip()
            return (.sequence(YAMLNode.Sequence(items: items, position: start.position)), size)
        }
    }

    /// `[? a : b]` or `[a: b]`: a mapping of one pair inside a flow sequence.
    private mutating func singlePairMapping(_ keyToken: Token) throws(YAMLError) -> (YAMLNode, Size) {
        guard depth < limits.nesting else {
            throw error(nil, nil, "lists and mappings are nested more than \(limits.nesting) levels deep", at: keyToken.start)
        }
        scanner.skip()
        var token = try peek()
        let key: (node: YAMLNode, size: Size)
        switch token.kind {
        case .value, .flowEntry:
            let mark = token.end
            scanner.skip()
            key = (emptyScalar(mark), Size(nodes: 1, bytes: 0))
        case .flowSequenceEnd:
            key = (emptyScalar(token.start), Size(nodes: 1, bytes: 0))
        default:
            depth += 1
            defer { depth -= 1 }
            key = try node(block: false, indentless: false)
        }
        token = try peek()
        var value: (node: YAMLNode, size: Size)?
        if token.kind == .value {
            scanner.skip()
            token = try peek()
            if token.kind != .flowEntry && token.kind != .flowSequenceEnd {
                depth += 1
                defer { depth -= 1 }
                value = try node(block: false, indentless: false)
            }
        }
        var list = PairList()
        list.append(key, value ?? (emptyScalar(token.start), Size(nodes: 1, bytes: 0)))
        return (.mapping(YAMLNode.Mapping(pairs: list.pairs, position: keyToken.start.position)), list.size + Size(nodes: 1, bytes: 0))
    }

    private mutating func flowMapping(_ start: Mark) throws(YAMLError) -> (YAMLNode, Size) {
        let first = try peek()  // '{'
        scanner.skip()
        var list = PairList()
        var isFirst = true
        while true {
            var token = try peek()
            if token.kind != .flowMappingEnd {
                if !isFirst {
                    guard token.kind == .flowEntry else {
                        throw error("while parsing a flow mapping", first.start, "did not find expected ',' or '}'", at: token.start)
                    }
                    scanner.skip()
                    token = try peek()
                }
                isFirst = false
                if token.kind == .key {
                    scanner.skip()
                    token = try peek()
                    let key: (node: YAMLNode, size: Size)
                    switch token.kind {
                    case .value, .flowEntry, .flowMappingEnd: key = (emptyScalar(token.start), Size(nodes: 1, bytes: 0))
                    default: key = try node(block: false, indentless: false)
                    }
                    token = try peek()
                    var value: (node: YAMLNode, size: Size)?
                    if token.kind == .value {
                        scanner.skip()
                        token = try peek()
                        if token.kind != .flowEntry && token.kind != .flowMappingEnd {
                            value = try node(block: false, indentless: false)
                        }
                    }
                    list.append(key, value ?? (emptyScalar(token.start), Size(nodes: 1, bytes: 0)))
                    continue
                } else if token.kind != .flowMappingEnd {
                    // `{a}`: a key without ':' has an empty value.
                    let key = try node(block: false, indentless: false)
                    token = try peek()
                    list.append(key, (emptyScalar(token.start), Size(nodes: 1, bytes: 0)))
                    continue
                }
            }
            scanner.skip()
            return (.mapping(YAMLNode.Mapping(pairs: list.pairs, position: start.position)), list.size)
        }
    }
}
