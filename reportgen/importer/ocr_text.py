"""The text of OCR'd pages put back into paragraphs, and the pages' tables and paragraphs into one
list of blocks in reading order.

Tesseract gives words with boxes, grouped in lines. A report set by GB/T 9704 indents the first
line of every paragraph (headings too) by two characters and sets the following lines flush
left, so a line starts a paragraph when it is indented, centred or set to the right, or when
the line before it stopped short of the right margin. The margins and the width of a character
are measured on the document's own long lines. Page numbers (— 3 —) are dropped; a paragraph or
a table cut by a page break is joined again."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, Para, Table, clean
from .tesseract import Word

UNSURE = "OCR 识别，请核对"
_PAGE_NUMBER = re.compile(r"^[—–\-－一_~\s]*\d{1,3}[—–\-－一_~\s]*$")
_MIN_CONF = 30  # a line Tesseract is this unsure of, without a Chinese character or a digit, is a smudge


_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ";": "；", ":": "：", ",": "，", "?": "？", "!": "！"})
_HALF = re.compile(r"[(),;:?!]")
_LATIN = re.compile(r"[0-9A-Za-z.%]")
_NUMBERING = re.compile(r"^[《〈【\[(（]?\s*([一二三四五六七八九十]{1,3})\s*[)）]")


def chinese_punctuation(text: str) -> str:
    """Tesseract's Chinese model gives ASCII punctuation; in Chinese text it is full-width
    (（一）主动公开, 诉讼2件（未经复议直接起诉）), except between digits or Latin letters on both
    sides (1,234 · 42.15 · A;B). A heading's numbering whose opening bracket was misread
    (《一) 〈一) 一)) is given its brackets back, and 入、 at the start of a line is 六、."""
    def swap(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        latin = bool(before and after and _LATIN.match(before) and _LATIN.match(after))
        return m.group() if latin else m.group().translate(_FULL_WIDTH)

    text = _HALF.sub(swap, text)
    text = re.sub(r"^入、", "六、", text)  # 六 misread as 入 (a known OCR confusion); 入、 opens no sentence
    return _NUMBERING.sub(lambda m: f"（{m.group(1)}）", text)


@dataclass
class Line:
    """One line of OCR'd text on a page, its box in pixels."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float  # the lowest word confidence in the line (0–100)


def lines_of(words: list[Word]) -> list[Line]:
    """Words grouped into the lines Tesseract found, top to bottom; page numbers and smudges
    (marks read as a few letters of low confidence) left out."""
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        grouped.setdefault(w.line, []).append(w)
    out = []
    for ws in grouped.values():
        ws.sort(key=lambda w: w.left)
        text = chinese_punctuation(clean(" ".join(w.text for w in ws)))
        conf = min(w.conf for w in ws)
        if not text or _PAGE_NUMBER.match(text):
            continue
        if conf < _MIN_CONF and not re.search(r"[\u4e00-\u9fff\d]", text):
            continue
        out.append(Line(text, min(w.left for w in ws), min(w.top for w in ws), max(w.right for w in ws),
                        max(w.bottom for w in ws), conf))
    return sorted(out, key=lambda ln: (ln.top, ln.left))


@dataclass
class _Measure:
    left: float
    right: float
    em: float  # the width of one Chinese character, in pixels


def _measure(lines: list[Line]) -> _Measure | None:
    """The text block's edges and a character's width, from the lines of at least 10 characters
    (the document's body text)."""
    long = [ln for ln in lines if len(ln.text) >= 10]
    if not long:
        return None
    widths = sorted((ln.right - ln.left) / len(ln.text) for ln in long)
    return _Measure(min(ln.left for ln in long), max(ln.right for ln in long), widths[len(widths) // 2])


def _alignment(ln: Line, m: _Measure) -> tuple[str, bool, bool]:
    """(alignment, indented, short) of a line against the text block: as `read_pdf._place`."""
    indent, room = ln.left - m.left, m.right - ln.right
    align = ""
    if indent > 3 * m.em and abs(indent - room) < 1.5 * m.em:
        align = "center"
    elif indent > 3 * m.em and room < 4.5 * m.em:
        align = "right"
    return align, indent > 0.8 * m.em, room > 1.5 * m.em


def assemble(pages: list[list[tuple[int, Table | Line]]]) -> list[Block]:
    """Each page's tables and lines (with their top in pixels) as blocks in reading order: lines
    joined into paragraphs, a table continued at the top of the next page joined to the one
    ending the page before. Every paragraph is marked unsure (`Para.unsure`)."""
    m = _measure([item for page in pages for _, item in page if isinstance(item, Line)])
    blocks: list[Block] = []
    last: tuple[str, bool] | None = None  # the previous line's (alignment, short), None after a table
    for number, page in enumerate(pages):
        for n, (_, item) in enumerate(sorted(page, key=lambda it: it[0])):
            if isinstance(item, Table):
                prev = blocks[-1] if blocks else None
                if isinstance(prev, Table) and last is None and n == 0 and number and prev.rows and item.rows:
                    width = max(len(prev.rows[0]), len(item.rows[0]))
                    prev.rows = [[r[0]] * (width - len(r)) + r for r in prev.rows + item.rows]
                else:
                    blocks.append(item)
                last = None
                continue
            align, indented, short = _alignment(item, m) if m else ("", True, True)
            centred_on = last is not None and align == "center" and last[0] == "center"
            starts = not centred_on and (last is None or indented or bool(align) or bool(last[0]) or last[1])
            if starts or not isinstance(blocks[-1], Para):
                blocks.append(Para(item.text, align, unsure=UNSURE))
            else:
                para = blocks[-1]
                para.text = clean(para.text + item.text)
            last = (align, short)
    return blocks
