"""Where a character of a YAML scalar's value sits in the file's text.

A value is not its source: quotes, escapes (\\n, \\u4e00), a doubled '' and the folding of block
scalars (`|`, `>`) and of line breaks in plain text all stand between them. `text_offset` walks
the source the way YAML reads it, so that a finding about the 12th character of a value points at
the right line and column of the file.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml


_YAML_BREAKS = "\r\n\x85\u2028\u2029"


_YAML_SPACE = " \t" + _YAML_BREAKS


_ESCAPES = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}


_ESCAPE_CODES = {"x": 2, "u": 4, "U": 8}


def _source_pieces(raw: str, style: str | None) -> Iterator[tuple[int, str, bool]]:
    """The source text of one scalar, as (index in `raw`, text it stands for, is it content).
    Content is what the value holds character for character (a character, an escape, `''`);
    the rest (spaces, line breaks, indentation) YAML folds, so the value holds it or not."""
    i = 0
    while i < len(raw) and raw[i] in "!&":  # a tag or an anchor before the value
        while i < len(raw) and raw[i] not in _YAML_SPACE:
            i += 1
        while i < len(raw) and raw[i] in _YAML_SPACE:
            i += 1
    end = len(raw)
    if style in ("'", '"'):
        i, end = i + 1, end - 1  # the quotes
    elif style in ("|", ">"):
        while i < end and raw[i] not in _YAML_BREAKS:  # the header: `|`, `>-`, `|2`, a comment
            i += 1
    while i < end:
        ch = raw[i]
        if ch in _YAML_SPACE:
            yield i, ch, False
            i += 1
        elif style == '"' and ch == "\\":
            code = raw[i + 1] if i + 1 < end else ""
            if code in _ESCAPES:
                yield i, _ESCAPES[code], True
                i += 2
            elif code in _ESCAPE_CODES:
                digits = raw[i + 2:i + 2 + _ESCAPE_CODES[code]]
                try:
                    yield i, chr(int(digits, 16)), True
                except ValueError:
                    return
                i += 2 + len(digits)
            else:  # an escaped line break: the break and the next line's indentation vanish
                i += 1
        elif style == "'" and raw.startswith("''", i):
            yield i, "'", True
            i += 2
        else:
            yield i, ch, True
            i += 1


def text_offset(node: yaml.ScalarNode, index: int) -> int | None:
    """Where character `index` of a scalar's value is in the file, as a number of characters of
    source text after the node's start (give it to `Context.where` or `Facts.source_location`);
    None if it cannot be told. Follows every style: plain, quoted with escapes, and block (`|`,
    `>`) scalars over several lines. On a single line without escapes it is the column offset."""
    buffer = node.start_mark.buffer
    value = node.value
    if buffer is None or not 0 <= index < len(value):
        return None
    raw = buffer[node.start_mark.pointer:node.end_mark.pointer]
    i = 0  # characters of the value accounted for
    for pos, text, content in _source_pieces(raw, node.style):
        if i >= len(value):
            break
        if not content:
            # Whitespace in the value comes from the source's whitespace (folded or not); source
            # whitespace the value lacks (indentation, a folded break) is skipped.
            if value[i] in _YAML_SPACE:
                if i == index:
                    return pos
                i += 1
            continue
        while not value.startswith(text, i):
            if i >= len(value) or value[i] not in _YAML_SPACE:
                return None  # the source does not read as this value: do not guess
            i += 1  # whitespace made of several folded source characters
            if i > index:
                return pos
        if i <= index < i + len(text):
            return pos
        i += len(text)
    return None
