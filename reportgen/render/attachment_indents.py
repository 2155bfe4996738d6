"""The indents of the 附件说明 lines under the text (GB/T 9704-2012 §7.3.4).

「附件」 stands 2 characters in, then 「：」 and the name; with several attachments each name has its
number (附件：1.名称), the numbers of the later lines standing under the first one's; a name too long
for one line wraps under its own first character. Word and LibreOffice do that with a left indent at
the name and a hanging indent back to where the line starts, set per line (the number's width varies).

Widths in points, as the styles set them (reportgen.render.layout): a Chinese character is 16 pt
(3号) condensed by 0.3 pt; the digits and the full stop are Times New Roman (½ and ¼ of the size),
condensed alike; the style turns off the extra space between Chinese and Latin characters, so the
widths add up exactly.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from . import docx_parts

STYLE = "附件说明"
LABEL = "附件："
SIZE = 16.0  # pt, 3号: one character of the indents (w:leftChars) and of the grid
CONDENSE = 0.3  # pt off every character (layout.CONDENSE_TWENTIETHS)
START = 2 * SIZE  # pt: the first line's 附件 stands 2 characters in (the body's first-line indent)
_NUMBER = re.compile(r"\d+\.")
_LATIN_WIDTH = {".": 0.25}  # Times New Roman, em; digits ½ em


def _ems(text: str) -> float:
    """Width of `text` in characters (em): full-width characters 1, digits ½ and the full stop ¼
    (Times New Roman)."""
    return sum(_LATIN_WIDTH.get(ch, 0.5 if ch.isascii() else 1.0) for ch in text)


def _points(text: str) -> float:
    """Width of `text` in pt as the 附件说明 style sets it: `_ems` at 16 pt, each character
    condensed by CONDENSE (what LibreOffice lays out; Word reckons in characters)."""
    return _ems(text) * SIZE - CONDENSE * len(text)


def indents(line: str) -> tuple[str, float, float, float, float]:
    """(text, left, hanging, left_pt, hanging_pt) of one 附件说明 line: `line` as the model gives it
    (附件：名称, 附件：1.名称, or 　　　2.名称 — the later numbers led by full-width spaces); the text
    without those spaces; the left indent (where the name starts, so where a wrapped line starts)
    and the hanging indent (back to where the first line starts) from the left margin, in
    characters (Word's w:leftChars/w:hangingChars, ÷ 100) and in pt (the twips fallback, ÷ 20).
    The first line starts 2 characters in; a later line's number under the first one's (after 附件：)."""
    text = line.lstrip("\u3000")
    head = LABEL if text.startswith(LABEL) else ""
    number = _NUMBER.match(text[len(head):])
    head += number.group(0) if number else ""
    before = "" if head.startswith(LABEL) else LABEL  # a later line starts under the 1.
    start_ems, start_pt = 2 + _ems(before), START + _points(before)
    left_ems, left_pt = start_ems + _ems(head), start_pt + _points(head)
    return text, left_ems, left_ems - start_ems, left_pt, left_pt - start_pt


def apply(body: etree._Element, prepared: "docx_parts.Prepared") -> None:
    """Set w:ind (characters for Word, twips as the fallback) on each rendered paragraph of style
    附件说明 in `body`, and drop the full-width spaces that led the later lines (the indent places
    them now). Templates made before this keep working: the lines are found by their style."""
    w = docx_parts._W
    for paragraph in body.iterchildren(w + "p"):
        if prepared.style_name(paragraph) != STYLE:
            continue
        texts = [t for t in paragraph.iter(w + "t") if t.text]
        if not texts:
            continue
        line = "".join(t.text for t in texts)
        text, *widths = indents(line)
        if text != line:
            strip_leading_spaces(texts)
        _set_ind(paragraph, *widths)


def strip_leading_spaces(texts: list[etree._Element]) -> None:
    """Drop the full-width spaces that led a later 附件说明 line (`texts`: its w:t elements in order):
    the hanging indent places the line now."""
    for t in texts:
        stripped = t.text.lstrip("\u3000")
        t.text = stripped
        if stripped:
            return


def _set_ind(paragraph: etree._Element, left: float, hanging: float, left_pt: float, hanging_pt: float) -> None:
    w = docx_parts._W
    _, ind = docx_parts.paragraph_ind(paragraph)
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    ind.set(w + "leftChars", str(round(left * 100)))
    ind.set(w + "left", str(round(left_pt * 20)))
    ind.set(w + "hangingChars", str(round(hanging * 100)))
    ind.set(w + "hanging", str(round(hanging_pt * 20)))
