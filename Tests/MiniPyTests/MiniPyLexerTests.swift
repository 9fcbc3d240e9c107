import Testing
@testable import MiniPy

/// What the lexer's fast paths (operators matched on scalars, lines counted without splitting, ASCII names)
/// must keep exactly as the string-based lexer had it, and the error paths that share them.
@Suite struct MiniPyLexerTests {
    func kinds(_ source: String) throws -> [Token.Kind] { try Lexer(source: source).tokenize().map(\.kind) }

    @Test func everyOperatorIsTheLongestMatchWithItsColumn() throws {
        let ops = ["**=", "//=", ">>=", "<<=", "...", "==", "!=", "<=", ">=", "**", "//", "<<", ">>", "+=", "-=", "*=",
                   "/=", "%=", "&=", "|=", "^=", "@=", "->", ":=", "+", "-", "*", "/", "%", "<", ">", "=", ",", ":",
                   ".", "@", ";", "~", "|", "&", "^"]
        for op in ops {
            let tokens = try Lexer(source: "a \(op) b").tokenize()
            #expect(tokens[1].kind == .op(op), "\(op)")
            #expect(tokens[1].column == 3, "\(op)")
            #expect(tokens[2].kind == .name("b") && tokens[2].column == 4 + op.count, "\(op)")
        }
        // Longest match first, then what is left: `..` is two dots, `<>` two comparisons, `=>` two operators.
        #expect(try kinds("a..b") == [.name("a"), .op("."), .op("."), .name("b"), .newline, .eof])
        #expect(try kinds("a<>b") == [.name("a"), .op("<"), .op(">"), .name("b"), .newline, .eof])
        #expect(try kinds("a=>b") == [.name("a"), .op("="), .op(">"), .name("b"), .newline, .eof])
        #expect(try kinds("a***=b") == [.name("a"), .op("**"), .op("*="), .name("b"), .newline, .eof])
    }

    @Test func aLoneBangAndUnknownCharactersAreErrors() {
        #expect(MiniPy.run("x = 1 ! 2").errorLine == "SyntaxError: invalid syntax")
        #expect(MiniPy.run("x = 1 $ 2").errorLine == "SyntaxError: invalid syntax")
        #expect(MiniPy.run("x = 1 \u{2212} 2").errorLine == "SyntaxError: invalid character '\u{2212}' (U+2212)")
    }

    @Test func bracketsAreMatchedOnTheirScalars() {
        #expect(MiniPy.run("x = (1, [2, {3: 4}])\nprint(x)").stdout == "(1, [2, {3: 4}])\n")
        #expect(MiniPy.run("x = (1, 2]").errorLine == "SyntaxError: closing parenthesis ']' does not match opening parenthesis '('")
        #expect(MiniPy.run("x = 1)").errorLine == "SyntaxError: unmatched ')'")
        #expect(MiniPy.run("x = [1,\n2,\n").errorLine == "SyntaxError: '[' was never closed")
    }

    /// The NEWLINE added at the end sits on the last line as a split at "\n" Characters counts lines: "\r\n" is
    /// one Character and does not split, a "\n" before a combining mark does.
    @Test func theLastNewlineIsOnTheLastLineAsSplittingCountsThem() throws {
        for source in ["x = 1", "x = 1\ny = 22", "x = 1\r\ny = 22", "x = 1\r\n\r\ny", "\n\n  \nabc", "x = 'é'\ny = 'ü' + 'ñ'",
                       "x = 1\n# \u{301}\ny = 2", "a\rb = 1"] {
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            let newline = try Lexer(source: source).tokenize().last { $0.kind == .newline }
            #expect(newline?.line == lines.count, "\(source.debugDescription)")
            #expect(newline?.column == lines.last!.unicodeScalars.count + 1, "\(source.debugDescription)")
        }
    }

    @Test func namesAndStringsKeepNonASCIIText() {
        #expect(MiniPy.run("naïve = 'ü\\u00e9'\nprint(naïve, len(naïve))").stdout == "üé 2\n")
        #expect(MiniPy.run("x = f'{\"é\"}{1 + 1}'\nprint(x)").stdout == "é2\n")
    }

    @Test func nameErrorsSuggestAsCPythonDoes() {
        #expect(MiniPy.run("Print(1)").errorLine == "NameError: name 'Print' is not defined. Did you mean: 'print'?")
        #expect(MiniPy.run("lenght = 3\nprint(length)").errorLine == "NameError: name 'length' is not defined. Did you mean: 'lenght'?")
        #expect(MiniPy.run("naïve = 1\nprint(naive)").errorLine == "NameError: name 'naive' is not defined. Did you mean: 'naïve'?")
        #expect(MiniPy.run("Hidden = 1\nprint(hidden)").errorLine == "NameError: name 'hidden' is not defined. Did you mean: 'Hidden'?")
        #expect(MiniPy.run("HIDDEN = 1\nprint(hidden)").errorLine == "NameError: name 'hidden' is not defined")
    }

    /// A traceback shows the line without the spaces and tabs around it, and without Unicode spaces at its ends.
    @Test func tracebackLinesAreTrimmed() {
        #expect(MiniPy.run("if 1:\n\t x = 1/0 \t").stderr
            == "Traceback (most recent call last):\n  File \"snippet.py\", line 2, in <module>\n    x = 1/0\nZeroDivisionError: division by zero\n")
        #expect(MiniPy.run("x = 1/0 # \u{A0}").stderr
            == "Traceback (most recent call last):\n  File \"snippet.py\", line 1, in <module>\n    x = 1/0 #\nZeroDivisionError: division by zero\n")
    }
}
