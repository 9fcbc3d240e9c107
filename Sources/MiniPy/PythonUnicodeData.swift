import Foundation

/// `unicodedata.normalize` and `unicodedata.category`: the PyTorch name-classification tutorial strips accents
/// with them (`normalize('NFD', s)`, then drops category 'Mn'). Swift's tables may be a Unicode version apart
/// from CPython 3.11's (14.0); the letters learners' names use are the same in both.
extension PythonModules {
    nonisolated(unsafe) static let unicodedata = Namespace("unicodedata", [
        "unidata_version": .str("14.0.0"),
        "normalize": fn("normalize") { a, kw, _ throws(PyError) in
            guard kw.isEmpty else { throw .typeError("normalize() takes no keyword arguments") }
            guard a.count == 2 else { throw .typeError("normalize expected 2 arguments, got \(a.count)") }
            guard case .str(let form) = a[0] else { throw .typeError("normalize() argument 1 must be str, not \(a[0].typeName)") }
            guard case .str(let s) = a[1] else { throw .typeError("normalize() argument 2 must be str, not \(a[1].typeName)") }
            switch form {
            case "NFC": return .str(s.precomposedStringWithCanonicalMapping)
            case "NFD": return .str(s.decomposedStringWithCanonicalMapping)
            case "NFKC": return .str(s.precomposedStringWithCompatibilityMapping)
            case "NFKD": return .str(s.decomposedStringWithCompatibilityMapping)
            default: throw .valueError("invalid normalization form")
            }
        },
        "category": fn("category") { a, kw, _ throws(PyError) in
            guard kw.isEmpty else { throw .typeError("category() takes no keyword arguments") }
            guard a.count == 1 else { throw .typeError("category() takes exactly one argument (\(a.count) given)") }
            guard case .str(let s) = a[0] else { throw .typeError("category() argument must be a unicode character, not \(a[0].typeName)") }
            let u = Array(s.unicodeScalars)
            guard u.count == 1 else { throw .typeError("category() argument must be a unicode character, not str") }
            return .str(categoryCode(u[0].properties.generalCategory))
        },
    ])

    /// The two-letter abbreviation Python (and the Unicode tables) give a general category.
    static func categoryCode(_ c: Unicode.GeneralCategory) -> String {
        switch c {
        case .uppercaseLetter: "Lu"
        case .lowercaseLetter: "Ll"
        case .titlecaseLetter: "Lt"
        case .modifierLetter: "Lm"
        case .otherLetter: "Lo"
        case .nonspacingMark: "Mn"
        case .spacingMark: "Mc"
        case .enclosingMark: "Me"
        case .decimalNumber: "Nd"
        case .letterNumber: "Nl"
        case .otherNumber: "No"
        case .connectorPunctuation: "Pc"
        case .dashPunctuation: "Pd"
        case .openPunctuation: "Ps"
        case .closePunctuation: "Pe"
        case .initialPunctuation: "Pi"
        case .finalPunctuation: "Pf"
        case .otherPunctuation: "Po"
        case .mathSymbol: "Sm"
        case .currencySymbol: "Sc"
        case .modifierSymbol: "Sk"
        case .otherSymbol: "So"
        case .spaceSeparator: "Zs"
        case .lineSeparator: "Zl"
        case .paragraphSeparator: "Zp"
        case .control: "Cc"
        case .format: "Cf"
        case .surrogate: "Cs"
        case .privateUse: "Co"
        case .unassigned: "Cn"
        @unknown default: "Cn"
        }
    }
}
