"""Characters into lines in reading order, by where they sit on the page, not by the order the
file draws them (WPS draws the page number first and places every character on its own).

A line is the characters sharing a baseline (within a third of their size), left to right; a gap
much wider than the line's own spacing (justification spreads it evenly) cuts it into segments —
the two halves of a two-column line, the cells of a table drawn without rules. No space is put
between Chinese characters; in a run of Latin letters or digits a space is kept where the file
has one or where the gap is a word space wider than the line's usual gap.

Page furniture is dropped: a page number (— 3 —, -3-, 第3页, 第3页 共12页, 3/12, Page 3) in the top
or bottom band of the page (or first or last on the page, three lines' height from the next), and
any line in those bands that repeats, digits aside, at the same height on other pages (running
heads, the URL and date a browser prints)."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .pdf_page import Char, Page

_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
                  r"“”‘’《》〈〉【】「」『』—…·\U00020000-\U0003134f]")
_PAGE_NUMBER = re.compile(r"^(?:[—–\-－一~～_·\s]*\d+[—–\-－一~～_·\s]*|第\s*\d+\s*页(?:\s*[,，/、]?\s*共\s*\d+\s*页)?"
                          r"|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页|\d+\s*/\s*\d+|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?)$",
                          re.IGNORECASE)
BAND = 0.12  # of the page's height: where running heads, feet and page numbers sit


@dataclass
class Line:
    """One line (or one segment of a line cut by a wide gap) of one page."""

    page: int
    chars: list[Char]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    base: float = 0.0
    size: float = 0.0
    font: str = ""
    bold: bool = False
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        ink = [c for c in self.chars if not c.text.isspace()] or self.chars
        self.text = line_text(self.chars)
        self.x0, self.x1 = ink[0].x0, ink[-1].x1
        self.top, self.bottom = min(c.top for c in ink), max(c.bottom for c in ink)
        self.base = statistics.median(c.base for c in ink)
        self.size = Counter(c.size for c in ink).most_common(1)[0][0]
        self.font = Counter(c.font for c in ink).most_common(1)[0][0]
        self.bold = sum(c.bold for c in ink) * 2 > len(ink)


def is_cjk(ch: str) -> bool:
    """Whether `ch` is a Chinese character or full-width punctuation (no space is put beside it)."""
    return bool(_CJK.match(ch))


def line_text(chars: list[Char]) -> str:
    """Characters of one line (left to right) as text: no space next to a Chinese character, a
    space in a Latin or digit run where the file has one or the gap is a word space."""
    gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:]) if not a.text.isspace() and not b.text.isspace()]
    usual = statistics.median(gaps) if gaps else 0.0
    out: list[str] = []
    prev: Char | None = None
    pending_space = False
    for ch in chars:
        if ch.text.isspace():
            pending_space = prev is not None
            continue
        if prev is not None and not is_cjk(prev.text) and not is_cjk(ch.text):
            word_gap = (0.5 if prev.text.isdigit() and ch.text.isdigit() else 0.2) * max(ch.size, prev.size)
            if pending_space or ch.x0 - prev.x1 - usual > word_gap:
                out.append(" ")
        out.append(ch.text)
        prev, pending_space = ch, False
    return "".join(out)


def page_lines(page: int, chars: list[Char]) -> list[Line]:
    """The page's lines (segments) from its characters, top to bottom then left to right."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c.base):
        if rows and ch.base - rows[-1][0].base <= 0.3 * max(ch.size, rows[-1][0].size):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        out += [Line(page, seg) for seg in _segments(row) if any(not c.text.isspace() for c in seg)]
    out.sort(key=lambda ln: (round(ln.base, 0), ln.x0))
    return out


def _segments(row: list[Char]) -> list[list[Char]]:
    """A row cut where the gap is far wider than its usual spacing (and over a character wide)."""
    ink = [c for c in row if not c.text.isspace()]
    gaps = sorted(b.x0 - a.x1 for a, b in zip(ink, ink[1:]))
    if not gaps:
        return [row]
    usual = max(gaps[len(gaps) // 4], 0.0)  # the spacing inside words (a quartile: wide gaps are the exception)
    out: list[list[Char]] = [[]]
    last: Char | None = None
    for ch in row:
        if ch.text.isspace():
            out[-1].append(ch)
            continue
        if last is not None:
            gap = ch.x0 - last.x1
            if gap > 1.2 * ch.size and gap > 3 * usual + 0.5 * ch.size:
                out.append([])
        out[-1].append(ch)
        last = ch
    return out


def in_band(line: Line, height: float) -> bool:
    """Whether the line sits where running heads and feet do: the top or bottom eighth of the page,
    at least 100 pt (a landscape A4 page has the same margins in points as a portrait one)."""
    band = min(max(BAND * height, 100.0), 0.2 * height)
    return line.bottom < band or line.top > height - band


def drop_furniture(pages: list[Page], lines: list[list[Line]]) -> None:
    """Page numbers and running heads/feet taken out of each page's lines (in place)."""
    def key(ln: Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text))

    seen: dict[str, list[tuple[int, float]]] = {}
    for page, page_lines_ in zip(pages, lines):
        for ln in page_lines_:
            if in_band(ln, page.height):
                seen.setdefault(key(ln), []).append((page.number, ln.top))
    need = max(2, round(0.4 * len(pages)))

    def repeats(ln: Line) -> bool:
        places = seen.get(key(ln), [])
        return len({p for p, top in places if abs(top - ln.top) < 4}) >= need

    for page, page_lines_ in zip(pages, lines):
        page_lines_[:] = [ln for ln in page_lines_ if not (in_band(ln, page.height)
                                                          and (_PAGE_NUMBER.match(ln.text.strip()) or repeats(ln)))]
        # a page number set lower or higher than usual: the page's first or last line, on its own
        by_top = sorted(page_lines_, key=lambda ln: ln.top)
        for ln, other in ((by_top[:1] + by_top[1:2]), (by_top[-1:] + by_top[-2:-1])) if len(by_top) > 1 else ():
            if _PAGE_NUMBER.match(ln.text.strip()) and abs(ln.top - other.top) > 3 * ln.size:
                page_lines_.remove(ln)


def columns(lines: list[Line], width: float) -> list[Line]:
    """The page's lines in reading order, the segments of one line joined again: where the text
    runs in two columns (a gutter no line crosses, prose on both sides), the left column before
    the right, block by block."""
    prose = [ln for ln in lines if len(ln.text) >= 8]
    gutter = _gutter(prose, width, statistics.median(ln.size for ln in prose)) if len(prose) >= 8 else None
    if gutter is None:
        return _rejoin(lines, None)
    g0, g1 = gutter
    out: list[Line] = []
    block: list[Line] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if ln.x0 < g1 and ln.x1 > g0:  # crosses the gutter: a full-width line ends the block
            out += sorted(block, key=lambda b: (b.x0 >= g1, b.top, b.x0)) + [ln]
            block = []
        else:
            block.append(ln)
    out = _rejoin(out + sorted(block, key=lambda b: (b.x0 >= g1, b.top, b.x0)), gutter)
    for ln in out:  # each column has its own margins
        ln.extra["column"] = "left" if ln.x1 <= g0 else "right" if ln.x0 >= g1 else ""
    return out


def _rejoin(lines: list[Line], gutter: tuple[float, float] | None) -> list[Line]:
    """Consecutive segments of one line (same baseline, same side of the gutter) as one line."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and abs(ln.base - prev.base) <= 0.3 * max(ln.size, prev.size) and ln.x0 >= prev.x1 \
                and (gutter is None or (prev.x1 <= gutter[0]) == (ln.x1 <= gutter[0])):
            out[-1] = Line(ln.page, prev.chars + ln.chars)
        else:
            out.append(ln)
    return out


def _gutter(prose: list[Line], width: float, body: float) -> tuple[float, float] | None:
    """An x-range at least a character wide in the page's middle half that hardly a prose line
    crosses (a title may), with at least 4 prose lines wholly on each side."""
    covered = [0] * (int(width) + 2)
    for ln in prose:
        for x in range(max(int(ln.x0), 0), min(int(ln.x1) + 1, len(covered))):
            covered[x] += 1
    allowed = len(prose) // 10
    best: tuple[float, float] | None = None
    x = int(width * 0.25)
    while x < width * 0.75:
        if covered[x] > allowed:
            x += 1
            continue
        start = x
        while x < len(covered) and covered[x] <= allowed:
            x += 1
        if x - start >= body:
            left = sum(ln.x1 <= start for ln in prose)
            right = sum(ln.x0 >= x for ln in prose)
            if left >= 4 and right >= 4:
                best = (float(start), float(x))
    return best
