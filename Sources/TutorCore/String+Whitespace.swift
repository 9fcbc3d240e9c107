extension StringProtocol {
    /// The text without leading and trailing tabs and spaces, as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives it (tab, the space separators, Unicode Zs, and
    /// U+200B ZERO WIDTH SPACE, taken off scalar by scalar), without building Foundation's CharacterSet: at launch that was most of
    /// reading a lesson's `teaches:` links.
    var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.isTabOrSpaceSeparator { scalars.removeFirst() }
        while let last = scalars.last, last.isTabOrSpaceSeparator { scalars.removeLast() }
        return String(Substring(scalars))
    }
}

extension Unicode.Scalar {
    /// In Foundation's `CharacterSet.whitespaces`: a tab, a space separator (Unicode Zs), or U+200B
    /// (compared with Foundation over every scalar: that is the only difference from Zs and tab).
    var isTabOrSpaceSeparator: Bool {
        if isASCII { return self == " " || self == "\t" }
        return self == "\u{200B}" || properties.generalCategory == .spaceSeparator
    }
}
