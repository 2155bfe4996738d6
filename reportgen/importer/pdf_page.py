"""A PDF's pages as PDFium draws them: every character with its box, font and size, and the
straight rules tables are drawn with. The layout modules (pdf_lines, pdf_tables) read only this.

PDFium (through `pypdfium2`, imported here and only when a PDF is read) was chosen over
pdfplumber/pdfminer for speed: it gives each character's box and each path's segments from C;
the whole reader (layout and tables included) takes 0.12–0.36 of the time pdfplumber needs just
for its words and tables on the same files (bench/pdf_read.py).

Coordinates are points on the page as displayed: x to the right, y DOWN from the top edge of the
crop box, the page turned as its text runs (`pdf_turn`: mostly its /Rotate, so a landscape table reads like paper). A
character's box is its advance box (PDFium's "loose" box: the advance width times the font's
ascent–descent), which tiles a justified line without gaps or overlaps whatever the glyph's ink;
`base` is its baseline. Characters PDFium makes up (spaces and line ends it infers), and
characters not set upright (a diagonal watermark, vertical text) are left out.

Rules: every straight, axis-parallel stroked segment, and every thin filled rectangle (Word
draws borders that way); a filled area thick both ways is a cell's shading, not a rule, and a
white line is not drawn at all."""

from __future__ import annotations

import bisect
import ctypes
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .pdf_bounds import Budget
from .pdf_open import DAMAGED, open_pdf
from .pdf_turn import reading_turn
from .read_docx import ReadError

THIN = 3.0  # pt: a filled rectangle no thicker than this is a rule (Word draws ¼–2¼ pt borders so)
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demibold|hei|黑", re.IGNORECASE)


@dataclass(slots=True)
class Char:
    """One character as printed: text, advance box (x0, x1, top, bottom), baseline, size in pt,
    font family (subset prefix removed), bold (by name, weight ≥ 600 or stroke-simulated), and the
    glyph's inked top/bottom (for "does it touch a rule")."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float
    font: str
    bold: bool
    ink_top: float
    ink_bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Rule:
    """A straight rule: horizontal at y = pos from x = start to end, or vertical at x = pos."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass
class Page:
    number: int  # 0-based
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


def text_layer_chars(path: Path) -> list[int]:
    """How many characters each page's text layer holds (whitespace and characters without a
    Unicode value not counted), page by page: 0 on a page that is only an image (a scan). Cheap —
    one PDFium call per page, no layout. Raises ReadError like `open_pdf`."""
    import pypdfium2 as pdfium

    pdf = open_pdf(path)
    counts: list[int] = []
    budget = Budget()
    try:
        for page in pdf:
            textpage = page.get_textpage()
            budget.page(len(counts), textpage.count_chars())
            text = textpage.get_text_range()
            counts.append(sum(1 for ch in text if not ch.isspace() and ch not in "\ufffd\ufffe\x00"))
    except pdfium.PdfiumError as exc:
        raise ReadError(DAMAGED.format(why=f"第 {len(counts) + 1} 页读不出来")) from exc
    finally:
        pdf.close()
    return counts


def read_pages(path: Path) -> list[Page]:
    """Every page's characters and rules (see the module docstring). Raises ReadError (also for a
    page or a reading over the limits of pdf_bounds.Budget)."""
    import pypdfium2 as pdfium

    pdf = open_pdf(path)
    pages: list[Page] = []
    budget = Budget()
    try:
        for n in range(len(pdf)):
            page = pdf[n]
            pages.append(_read_page(n, page, budget))
            page.close()
    except pdfium.PdfiumError as exc:
        raise ReadError(DAMAGED.format(why=f"第 {len(pages) + 1} 页读不出来")) from exc
    finally:
        pdf.close()
    return pages


def _display(page, rotation: int):  # type: ignore[no-untyped-def]
    """(width, height, to) of the page turned by `rotation`: `to(x, y)` maps PDF user space to it."""
    left, bottom, right, top = page.get_cropbox()
    if rotation == 90:
        return top - bottom, right - left, lambda x, y: (y - bottom, x - left)
    if rotation == 180:
        return right - left, top - bottom, lambda x, y: (right - x, y - bottom)
    if rotation == 270:
        return top - bottom, right - left, lambda x, y: (top - y, right - x)
    return right - left, top - bottom, lambda x, y: (x - left, top - y)


def _read_page(n: int, page, budget: Budget) -> Page:  # type: ignore[no-untyped-def]
    budget.page(n, (textpage := page.get_textpage()).count_chars())
    rotation = reading_turn(textpage, page.get_rotation() % 360)  # a page shown on its side
    width, height, to = _display(page, rotation)
    out = Page(n, width, height)
    out.chars, used = _chars(textpage, to, rotation)
    texts: list = []
    _walk(page, to, out.rules, texts)
    # Bold simulated by printing the text twice a hair apart: PDFium keeps one copy of the
    # characters; the other copy is a text object no character comes from, lying on them.
    spare = [_box(obj, outer, to) for key, obj, outer in texts if key not in used]
    if spare:
        chars = sorted(out.chars, key=lambda c: c.cy)
        middles = [c.cy for c in chars]
        for x0, top, x1, bottom in spare:
            for ch in chars[bisect.bisect_left(middles, top):bisect.bisect_right(middles, bottom)]:
                if x0 <= ch.cx <= x1:
                    ch.bold = True
    return out


class _Fonts:
    """Font name and boldness of a text object: the name looked up once per font, the render
    mode (stroked outlines simulate bold) once per object."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.raw = raw
        self.buf = ctypes.create_string_buffer(512)
        self.fonts: dict[int, tuple[str, bool]] = {}
        self.objects: dict[int, tuple[str, bool]] = {}

    def get(self, obj, key: int) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
        hit = self.objects.get(key)
        if hit is not None:
            return hit
        raw = self.raw
        font = raw.FPDFTextObj_GetFont(obj)
        address = ctypes.cast(font, ctypes.c_void_p).value or 0
        named = self.fonts.get(address)
        if named is None:
            name, weight = "", 400
            if font:
                size = raw.FPDFFont_GetBaseFontName(font, self.buf, len(self.buf))
                name = font_name(self.buf.raw[:max(size - 1, 0)])
                weight = raw.FPDFFont_GetWeight(font)
            named = self.fonts[address] = (name, bool(_BOLD_NAME.search(name)) or weight >= 600)
        if not named[1] and raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_FILL_STROKE:
            named = (named[0], True)
        self.objects[key] = named
        return named


def font_name(raw_name: bytes) -> str:
    """A PDF font name as text, its subset prefix (ABCDEF+) taken off: UTF-8, else GBK (WPS writes
    宋体 as the GBK bytes #CB#CE#CC#E5), else Latin-1."""
    for encoding in ("utf-8", "gbk"):
        try:
            name = raw_name.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        name = raw_name.decode("latin-1")
    return _SUBSET.sub("", name)


def _chars(tp, to, rotation: int) -> tuple[list[Char], set[int]]:  # type: ignore[no-untyped-def]
    """The page's characters, and the text objects they come from (by address). Some 6 PDFium
    calls a character: the text comes in one call, the ink box only for digits (the one thing
    it is needed for) and where the advance box is wrong."""
    import pypdfium2.raw as raw

    textpage = tp.raw
    count = raw.FPDFText_CountChars(textpage)
    texts = _page_text(raw, textpage, count)
    generated = raw.FPDFText_IsGenerated
    loose_box, ink_box, origin = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharBox, raw.FPDFText_GetCharOrigin
    font_size, matrix, text_object = raw.FPDFText_GetFontSize, raw.FPDFText_GetMatrix, raw.FPDFText_GetTextObject
    rect, m = raw.FS_RECTF(), raw.FS_MATRIX()
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    fonts = _Fonts()
    upright = -math.radians(rotation)  # text upright on the displayed page is turned against the page (PDFium: clockwise)
    out: list[Char] = []
    used: set[int] = set()
    address = ctypes.c_void_p
    for i, text in enumerate(texts):
        if text in " \r\n\x00\ufffe\uffff" and (text not in " " or generated(textpage, i)):
            continue  # PDFium's own spaces and line ends, and characters it has no Unicode for
        obj = text_object(textpage, i)
        key = ctypes.cast(obj, address).value or 0
        used.add(key)
        matrix(textpage, i, m)
        if abs(math.remainder(math.atan2(-m.b, m.a) - upright, 2 * math.pi)) > 0.05:
            continue  # not upright: a diagonal watermark, a turned label
        loose_box(textpage, i, rect)
        origin(textpage, i, ox, oy)
        x0, y0 = to(rect.left, rect.top)
        x1, y1 = to(rect.right, rect.bottom)
        _, base = to(ox.value, oy.value)
        size = font_size(textpage, i) * math.hypot(m.c, m.d)  # the height scale: condensed (Tz) text keeps its size
        top, bottom = min(y0, y1), max(y0, y1)
        ink_top, ink_bottom = top, bottom
        odd = abs(x1 - x0) > 2 * size or bottom - top > 2 * size
        if odd or "0" <= text <= "9":
            ink_box(textpage, i, l, r, b, t)
            ix0, ink0 = to(l.value, t.value)
            ix1, ink1 = to(r.value, b.value)
            ink_top, ink_bottom = min(ink0, ink1), max(ink0, ink1)
            if odd:  # PDFium's advance box is wrong for vertical writing (Identity-V: 200 pt wide): the ink box
                x0, x1, top, bottom = ix0, ix1, ink_top, ink_bottom
        name, bold = fonts.get(obj, key) if obj else ("", False)
        out.append(Char(text, min(x0, x1), max(x0, x1), top, bottom, base, round(size, 2), name, bold,
                        ink_top, ink_bottom))
    return out, used


def _page_text(raw, textpage, count: int) -> str | list[str]:  # type: ignore[no-untyped-def]
    """Every character of the text page, in one call (per character where a character outside
    the Basic Multilingual Plane makes the UTF-16 text longer than the count)."""
    buf = (ctypes.c_ushort * (count + 1))()
    n = raw.FPDFText_GetText(textpage, 0, count, buf)
    text = bytes(buf)[: max(n - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return [chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count)]


def _walk(page, to, rules: list[Rule], texts: list) -> None:  # type: ignore[no-untyped-def]
    """The page's rules, and each text object (address, handle, matrix of its form), forms
    included."""
    import pypdfium2.raw as raw

    handle = page.raw
    for k in range(raw.FPDFPage_CountObjects(handle)):
        _object(raw, raw.FPDFPage_GetObject(handle, k), None, to, rules, texts)


def _object(raw, obj, outer, to, out: list[Rule], texts: list) -> None:  # type: ignore[no-untyped-def]
    kind = raw.FPDFPageObj_GetType(obj)
    if kind == raw.FPDF_PAGEOBJ_TEXT:
        texts.append((ctypes.cast(obj, ctypes.c_void_p).value or 0, obj, outer))
        return
    if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
        return
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, m)
    mat = (m.a, m.b, m.c, m.d, m.e, m.f)
    if outer is not None:
        mat = _compose(mat, outer)
    if kind == raw.FPDF_PAGEOBJ_FORM:
        for k in range(raw.FPDFFormObj_CountObjects(obj)):
            _object(raw, raw.FPDFFormObj_GetObject(obj, k), mat, to, out, texts)
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    stroked = bool(stroke.value) and _visible(raw.FPDFPageObj_GetStrokeColor, obj)
    filled = fill.value != raw.FPDF_FILLMODE_NONE and _visible(raw.FPDFPageObj_GetFillColor, obj)
    if not stroked and not filled:
        return
    a, b, c, d, e, f = mat

    def point(x: float, y: float) -> tuple[float, float]:
        return to(a * x + c * y + e, b * x + d * y + f)

    for sub in _subpaths(raw, obj):
        pts = [point(x, y) for x, y in sub]
        if stroked:
            for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
                if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= 0.5:
                    out.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
                elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= 0.5:
                    out.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
        elif len(pts) >= 4:  # a thin filled rectangle is a rule along its middle
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            if not _rectangle(pts, x0, x1, y0, y1):
                continue
            if y1 - y0 <= THIN and x1 - x0 > max(2 * (y1 - y0), 1.5):
                out.append(Rule(True, (y0 + y1) / 2, x0, x1))
            elif x1 - x0 <= THIN and y1 - y0 > max(2 * (x1 - x0), 1.5):
                out.append(Rule(False, (x0 + x1) / 2, y0, y1))


def _box(obj, outer, to) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """A text object's box (x0, top, x1, bottom) on the displayed page."""
    import pypdfium2.raw as raw

    l, b, r, t = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, l, b, r, t):
        return (0.0, 0.0, -1.0, -1.0)
    corners = [(l.value, b.value), (r.value, t.value)]
    if outer is not None:
        a, b_, c, d, e, f = outer
        corners = [(a * x + c * y + e, b_ * x + d * y + f) for x, y in corners]
    (x0, y0), (x1, y1) = (to(x, y) for x, y in corners)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _subpaths(raw, obj):  # type: ignore[no-untyped-def]
    """Each straight subpath's points in path space (a closed one back at its start); a subpath
    with a curve in it is left out."""
    x, y = ctypes.c_float(), ctypes.c_float()
    pts: list[tuple[float, float]] | None = []
    for s in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, s)
        kind = raw.FPDFPathSegment_GetType(seg)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if pts:
                yield pts
            pts = [(x.value, y.value)]
            continue
        if kind != raw.FPDF_SEGMENT_LINETO:
            pts = None  # a curve: not a rule (and not worth reading on)
        if pts is not None:
            pts.append((x.value, y.value))
            if raw.FPDFPathSegment_GetClose(seg):
                pts.append(pts[0])
    if pts:
        yield pts


def _rectangle(pts: list[tuple[float, float]], x0: float, x1: float, y0: float, y1: float) -> bool:
    """Every corner of the subpath on the edge of its bounding box (an axis-parallel rectangle)."""
    return all((abs(x - x0) < 0.3 or abs(x - x1) < 0.3) and (abs(y - y0) < 0.3 or abs(y - y1) < 0.3) for x, y in pts)


def _visible(get_color, obj) -> bool:  # type: ignore[no-untyped-def]
    """Drawn in a colour that shows on white paper (not white, not fully transparent)."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not get_color(obj, r, g, b, a):
        return True
    return a.value > 0 and min(r.value, g.value, b.value) < 235


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying `inner` then `outer` (PDF's [a b c d e f] row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)
