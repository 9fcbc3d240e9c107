#!/usr/bin/env python3
"""Fails on `default:` (or a bare `case _`) in a switch over one of the project's own enums.

Swift's compiler makes a switch over an enum exhaustive, but a `default:` silently swallows a case
added later; the house rule (DECISIONS.md, "Screens and flow") is to list the cases instead, so the
compiler names every switch a new case must reach. Swift has no flag for this, so this script reads
the sources: it collects the case names of every `enum` declared under Sources/, then, for each
`switch`, takes the top-level head of each case pattern (`.char("q")` -> char, `let .attempt(...)` ->
attempt; `where` clauses and payloads are ignored). A switch whose heads are all cases of one own enum
is a switch over that enum. Not checked: switches over tuples (a default there stands for the
combinations not listed), over strings, numbers and other types' values, and the EXEMPT enums below.

Usage: python3 Scripts/lint_switches.py [ROOT]   (prints file:line: message; exit 1 on any)
"""
import os
import re
import sys

# MiniPy's values and syntax, and the engine's JSON: a switch over a value dispatches on its type, and
# `default:` is Python's "any other type" (the TypeError branch); a parser's `default:` is "any other
# token or expression" (the SyntaxError branch). Listing some twenty cases in each of those switches
# would hide the ones that matter. Names are qualified by the type they are declared in.
EXEMPT = {"PyValue", "ArgValue", "JSONValue", "Expr", "Token.Kind", "YAMLScanner.Kind"}


def blank_comments_and_strings(text):
    """The text with comments and string contents replaced by spaces (lengths and newlines kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + 1)
        else:
            out.append(text[i])
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", text[i:j]))
        i = j
    return "".join(out)


def matching_brace(text, open_at):
    depth = 0
    for k in range(open_at, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(text)


def split_top(text, sep=","):
    parts, depth, cur = [], 0, ""
    for c in text:
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if c == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += c
    parts.append(cur)
    return parts


def enclosing_types(text):
    """(start, end, name) of every type declaration's braces, to qualify nested enums' names."""
    spans = []
    for m in re.finditer(r"\b(?:struct|class|enum|actor)\s+(\w+)[^{;]*\{", text):
        spans.append((m.end() - 1, matching_brace(text, m.end() - 1), m.group(1)))
    return spans


def enum_cases(sources):
    """Qualified enum name (`Token.Kind`) -> its case names, for every enum declared in the sources."""
    enums = {}
    for text in sources.values():
        spans = enclosing_types(text)
        for m in re.finditer(r"\benum\s+(\w+)[^{;]*\{", text):
            outer = [name for start, end, name in spans if start < m.start() < end]
            qualified = ".".join(outer + [m.group(1)])
            body = text[m.end():matching_brace(text, m.end() - 1)]
            names, depth = set(), 0
            for line in body.split("\n"):
                stripped = line.strip()
                if depth == 0 and re.match(r"(indirect\s+)?case\s", stripped):
                    for part in split_top(stripped.split("case", 1)[1]):
                        name = part.split("(")[0].split("=")[0].strip().strip("`")
                        if re.fullmatch(r"\w+", name):
                            names.add(name)
                depth += line.count("{") - line.count("}")
            enums.setdefault(qualified, set()).update(names)
    return enums


def labels(body):
    """The top-level `case …:` and `default:` labels of a switch body, with their offsets."""
    found, depth, i = [], 0, 0
    # A label starts its line (or follows `;`): `if case`, `for case` and `[k, default: v]` are not labels.
    for m in re.finditer(r"[{}]|(?:^|(?<=[;\n]))[ \t]*(?:case\b|default\s*:)", body):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        elif depth == 0:
            tok = tok.strip()
            if tok == "case":
                # The label runs to the first top-level colon (a `?:` or a colon in brackets does not end it).
                j, d = m.end(), 0
                while j < len(body):
                    c = body[j]
                    if c in "([":
                        d += 1
                    elif c in ")]":
                        d -= 1
                    elif c == ":" and d == 0:
                        break
                    j += 1
                found.append(("case", body[m.end():j], m.start()))
            else:
                found.append(("default", "", m.start()))
    return found


def heads(pattern_text):
    """(is_tuple, [enum case heads], has_non_enum_pattern) for one label's patterns."""
    text = re.split(r"\bwhere\b", pattern_text, maxsplit=1)[0]
    tuple_, names, other = False, [], False
    for p in split_top(text):
        p = re.sub(r"^\s*(let|var)\s+", "", p).strip()
        if p.startswith("("):
            tuple_ = True
        elif p.startswith("."):
            names.append(re.match(r"\.(\w+)", p).group(1))
        elif p and p != "_":
            other = True
    return tuple_, names, other


def main(root):
    sources = {}
    for folder, _, files in os.walk(os.path.join(root, "Sources")):
        for f in sorted(files):
            if f.endswith(".swift"):
                path = os.path.join(folder, f)
                with open(path, encoding="utf-8") as fh:
                    sources[os.path.relpath(path, root)] = blank_comments_and_strings(fh.read())
    enums = enum_cases(sources)
    owners = {}
    for name, cases in enums.items():
        for c in cases:
            owners.setdefault(c, set()).add(name)
    problems = []
    for path, text in sorted(sources.items()):
        for m in re.finditer(r"\bswitch\b\s+[^{]*\{", text):
            open_at = m.end() - 1
            body = text[open_at + 1:matching_brace(text, open_at)]
            found = labels(body)
            catch_all = [at for kind, pats, at in found
                         if kind == "default" or re.fullmatch(r"\s*_\s*(where\b.*)?", pats, re.S)]
            if not catch_all:
                continue
            names, tuple_, other = [], False, False
            for kind, pats, _ in found:
                if kind == "case":
                    t, n, o = heads(pats)
                    tuple_ |= t
                    other |= o
                    names += n
            if tuple_ or other or not names:
                continue
            candidates = set.intersection(*(owners.get(n, set()) for n in names))
            if not candidates or candidates & EXEMPT:
                continue
            for at in catch_all:
                line = text[:open_at + 1 + at].count("\n") + 1
                problems.append(f"{path}:{line}: `default:` in a switch over {' or '.join(sorted(candidates))}: "
                                "list the remaining cases so a new case is a compile error here")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.getcwd()))
