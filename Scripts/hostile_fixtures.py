#!/usr/bin/env python3
"""Writes Tests/TutorCoreTests/Fixtures/hostile/*.yaml: lesson files that attack the loader, each
derived from Fixtures/valid-minimal.yaml by one change (raw bytes, so invalid UTF-8, lone CRs and
invisible characters survive exactly). LessonHostileFileTests lists what each must produce.

    python3 Scripts/hostile_fixtures.py
"""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
fixtures = root / "Tests/TutorCoreTests/Fixtures"
base = (fixtures / "valid-minimal.yaml").read_bytes()
lines = base.split(b"\n")  # lines[i] is line i + 1


def with_line(n, old, new):
    """The base file with `old` replaced by `new` on line n (1-based), exactly once."""
    out = list(lines)
    assert out[n - 1].count(old) == 1, (n, old)
    out[n - 1] = out[n - 1].replace(old, new)
    return b"\n".join(out)


def u(ch):
    return ch.encode("utf-8")


def nested_aliases(levels):
    """`&aN [&aN-1 [...], *aN-1 × 8]`: each level holds nine of the one below; rectangular, so a decoder
    that walks it expands every copy (9^levels of them)."""
    node = b"&a0 [1, 0]"
    for k in range(1, levels + 1):
        node = b"&a%d [" % k + node + b"".join([b", *a%d" % (k - 1)] * 8) + b"]"
    return node


def alias_bomb():
    # visualize.input: nine rows, each 9^10 pairs of numbers once expanded (a "billion laughs").
    out = list(lines)
    i = out.index(b"  input:")
    out[i + 1:i + 3] = [b"    - " + nested_aliases(10)] + [b"    - *a10"] * 8
    return b"\n".join(out)


files = {
    "alias-bomb": alias_bomb(),
    "nesting-too-deep": with_line(81, b"    - [1, 0]", b"    - " + b"[" * 101 + b"1" + b"]" * 101),
    "undefined-alias": with_line(28, b"One layer.", b"*nowhere"),
    "tag": with_line(28, b"One layer.", b"!!str One layer."),
    "directive": b"%YAML 1.1\n---\n" + base,
    "two-documents": base + b"---\nid: again\n",
    "duplicate-key-quoted": with_line(29, b"      common_mistakes:", b'      "hint": again\n      common_mistakes:'),
    "invalid-utf8": with_line(28, b"One layer.", b"\xffne layer."),
    "invalid-utf8-truncated": with_line(19, b"Fill the blank.", u("Füll thé") + b"\xe2\x80 blank."),
    "carriage-return-alone": with_line(19, b"Fill the blank.", b"Fill the\rblank."),
    "crlf-unknown-key": with_line(28, b"hint:", b"hnit:").replace(b"\n", b"\r\n"),
    "next-line": with_line(9, b"One paragraph.", b"One" + u("\u0085") + b"paragraph."),
    "line-separator": with_line(9, b"One paragraph.", b"One" + u("\u2028") + b"paragraph."),
    "paragraph-separator": with_line(9, b"One paragraph.", b"One" + u("\u2029") + b"paragraph."),
    "left-to-right-mark": with_line(19, b"Fill the blank.", b"Fill" + u("\u200e") + b" the blank."),
    "right-to-left-mark": with_line(28, b"One layer.", b"One" + u("\u200f") + b" layer."),
    "arabic-letter-mark-in-comment": with_line(5, b"intro:", b"intro: # " + u("\u061c")),
    "right-to-left-override-escaped": with_line(19, b"Fill the blank.", b'"Fill \\u202E the blank."'),
    "zero-width-space": with_line(24, b'A: "1"', b'A: "1' + u("\u200b") + b'"'),
    "byte-order-mark-inside": with_line(9, b"One paragraph.", b"One" + u("\ufeff") + b" paragraph."),
    "word-joiner": with_line(28, b"One layer.", b"One" + u("\u2060") + b"layer."),
    "control-character-in-comment": with_line(14, b"try:", b"try: # \x07"),
    "state-dict-absolute": with_line(79, b"seed: 0", b"state_dict: /etc/passwd"),
    "state-dict-parent": with_line(79, b"seed: 0", b"state_dict: ../../weights.json"),
}

out = fixtures / "hostile"
out.mkdir(exist_ok=True)
for old in out.glob("*.yaml"):
    old.unlink()
for name, data in files.items():
    (out / f"{name}.yaml").write_bytes(data)
print(f"wrote {len(files)} files to {out.relative_to(root)}")
