"""Small PDFs written the way WPS and Word write theirs (reportlab), for the PDF reader's tests.

What real published PDFs do inside (see the issue and /work/shared/reference/craft.md) and this
writer reproduces on demand:

- the page number is drawn before the body (content order is not reading order);
- every character is placed on its own (its own text object at an absolute position), and a
  justified line spreads the extra space evenly between characters; or (Word, `runs=True`) a line
  is one string justified by character spacing and the page number comes after the body;
- fonts are embedded subsets named ABCDEF+<name>, the Chinese name in GBK bytes (宋体);
- table rules are separate strokes, one per cell edge (WPS), or thin filled rectangles (Word);
- a table broken over pages repeats its header rows.

Layout follows GB/T 9704 roughly: A4, 3号 (16 pt) body, 2-character first-line indent, wrapped
lines flush left. Text is laid out character by character (Chinese 1 em, Latin and digits by the
font's widths); it is the test's own typed text, not taken from any real report."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_FILE = "/usr/share/fonts/truetype/arphic/ukai.ttc"  # fonts-arphic-ukai (scripts/install-system-deps.sh)
W, H = 595.28, 841.89
LEFT, RIGHT = 79.4, W - 73.7  # 28 mm and 26 mm margins
TOP, BOTTOM = 104.9, H - 99.2  # 37 mm and 35 mm, measured from the top edge
FONTS = {"song": "宋体", "hei": "SimHei", "kai": "KaiTi_GB2312", "fang": "FangSong_GB2312"}


def _register() -> None:
    for key, name in FONTS.items():
        if key not in pdfmetrics.getRegisteredFontNames():
            font = TTFont(key, FONT_FILE, subfontIndex=0)
            font.face.name = name.encode("gbk")  # the BaseFont as WPS writes it: ABCDEF+#CB#CE#CC#E5
            pdfmetrics.registerFont(font)


def width(text: str, size: float, font: str = "song") -> float:
    return sum(size if ord(ch) > 0x2e7f else pdfmetrics.stringWidth(ch, font, size) for ch in text)


class Sheet:
    """A PDF being written. y is measured from the TOP of the page, like the reader's."""

    def __init__(self, path: Path, *, page_number: str | None = "— {n} —", header: str = "", footer: str = "",
                 encrypt: object = None, scaled: bool = False, rules: str = "stroke", runs: bool = False):
        _register()
        self.path = path
        self.canvas = canvas.Canvas(str(path), pagesize=(W, H), pageCompression=0, encrypt=encrypt)
        self.page_number, self.header, self.footer = page_number, header, footer
        self.scaled = scaled  # characters drawn at size 1 and scaled by the text matrix
        self.rules = rules  # "stroke" (WPS), "fill" (Word), "none"
        self.runs = runs  # Word: a line is one string and the page number comes after the body
        self.n = 0
        self.y = TOP
        self.w, self.h, self.bottom = W, H, BOTTOM  # the page as displayed (a landscape page: see landscape())
        self._carry: dict[tuple[int, int], list[str]] = {}  # text of a merged cell continued on the next page
        self.placed: list[tuple[int, str]] = []  # (page, line) of every paragraph line, to show a trait
        self._start_page()

    # -- pages -----------------------------------------------------------------------------------
    def _start_page(self) -> None:
        self.n += 1
        self.y = TOP
        if self.w > self.h:  # a turned page: (x, up) on the page as shown → the portrait MediaBox
            self.canvas.transform(0, 1, -1, 0, self.h, 0)
        if self.page_number and not self.runs:  # drawn first, as WPS does
            self._page_number()
        if self.header:
            self.chars(self.header, (self.w - width(self.header, 10.5)) / 2, 60, 10.5)
        if self.footer:
            self.chars(self.footer.format(n=self.n), RIGHT - width(self.footer.format(n=self.n), 10.5), self.h - 40, 10.5)

    def _page_number(self) -> None:
        label = self.page_number.format(n=self.n)
        self.chars(label, (self.w - width(label, 14)) / 2, self.h - 60, 14)

    def _end_page(self) -> None:
        if self.page_number and self.runs:  # Word draws the footer after the body
            self._page_number()
        self.canvas.showPage()

    def new_page(self) -> None:
        self._end_page()
        self._start_page()

    def landscape(self) -> None:
        """Go on on a landscape page made as Word and WPS make one for a wide table: a portrait
        MediaBox turned by /Rotate 90, its content drawn turned the other way."""
        self._end_page()
        self.canvas.setPageSize((H, W))  # reportlab writes the portrait MediaBox and /Rotate 90
        self.canvas.setPageRotation(90)
        self.w, self.h, self.bottom = H, W, W - 99.2
        self._start_page()

    def save(self) -> Path:
        self._end_page()
        self.canvas.save()
        return self.path

    # -- text ------------------------------------------------------------------------------------
    def chars(self, text: str, x: float, base: float, size: float, font: str = "song", extra: float = 0.0,
              mode: int = 0, gaps: dict[int, float] | None = None) -> float:
        """Each character its own text object at an absolute position; `extra` pt added after each
        one (justification), `gaps[i]` more before character i. Returns the x after the last."""
        if self.runs and not gaps:  # Word: the line as one string, justified by character spacing
            t = self.canvas.beginText()
            t.setTextRenderMode(mode)
            t.setFont(font, size)
            t.setTextOrigin(x, self.h - base)
            t.setCharSpace(extra)
            t.textOut(text)
            self.canvas.saveState()
            self.canvas.drawText(t)
            self.canvas.restoreState()
            return x + width(text, size, font) + extra * len(text)
        for i, ch in enumerate(text):
            x += (gaps or {}).get(i, 0.0)
            t = self.canvas.beginText()
            t.setTextRenderMode(mode)
            if self.scaled:
                t.setFont(font, 1)
                t.setTextTransform(size, 0, 0, size, x, self.h - base)
            else:
                t.setFont(font, size)
                t.setTextOrigin(x, self.h - base)
            t.textOut(ch)
            self.canvas.saveState()  # the render mode is graphics state: q … Q keeps it to this character
            self.canvas.drawText(t)
            self.canvas.restoreState()
            x += width(ch, size, font) + extra
        return x

    def para(self, text: str, size: float = 16, font: str = "song", indent: float = 2, align: str = "justify",
             mode: int = 0, before: float = 0.0, pitch: float = 28.9, left: float = LEFT, right: float = RIGHT) -> None:
        """One paragraph: first line indented `indent` characters, wrapped lines flush left, every
        line but the last justified; continues on a new page when the page is full."""
        self.y += before
        lines: list[str] = []
        room = right - left - indent * size
        line = ""
        for ch in text:
            if width(line + ch, size, font) > room + 0.01:
                lines.append(line)
                line, room = "", right - left
            line += ch
        lines.append(line)
        for k, line in enumerate(lines):
            if self.y + pitch > self.bottom:
                self.new_page()
            self.y += pitch
            x0 = left + (indent * size if k == 0 else 0)
            used = width(line, size, font)
            extra = 0.0
            if align == "center":
                x0 = (self.w - used) / 2
            elif align == "right":
                x0 = right - used
            elif align == "justify" and k < len(lines) - 1 and len(line) > 1:
                extra = (right - x0 - used) / (len(line) - 1)
            self.chars(line, x0, self.y, size, font, extra, mode)
            self.placed.append((self.n, line))

    # -- rules -----------------------------------------------------------------------------------
    def rule(self, x0: float, y0: float, x1: float, y1: float, kind: str | None = None) -> None:
        kind = kind or self.rules
        c = self.canvas
        if kind == "stroke":
            c.setLineWidth(0.5)
            c.line(x0, self.h - y0, x1, self.h - y1)
        elif kind == "fill":
            if y0 == y1:
                c.rect(x0 - 0.25, self.h - y0 - 0.25, x1 - x0 + 0.5, 0.5, stroke=0, fill=1)
            else:
                c.rect(x0 - 0.25, self.h - y1 - 0.25, 0.5, y1 - y0 + 0.5, stroke=0, fill=1)

    # -- tables ----------------------------------------------------------------------------------
    def table(self, cols: list[float], rows: list[list[str | None]], *, size: float = 10.5, header: int = 1,
              spans: dict[tuple[int, int], tuple[int, int]] | None = None, omit: set[tuple] = frozenset(),
              pad: float = 3.0, min_height: float = 20.0, left: float = LEFT, leading: float = 1.3) -> None:
        """A table with cell text wrapped to its column and centred both ways. `rows` holds the
        text of each grid position (None under a merged cell); `spans[(r, c)] = (rows, cols)`;
        `omit` holds edges not drawn: ("h", r, c) is the rule above row r under column c,
        ("v", r, c) the rule left of column c in row r. Rows that do not fit go on a new page,
        the first `header` rows drawn again above them."""
        spans = spans or {}
        xs = [left]
        for w in cols:
            xs.append(xs[-1] + w)
        lines = {}
        heights = []
        for r, row in enumerate(rows):
            need = min_height
            for c, text in enumerate(row):
                if text is None:
                    continue
                rs, cs = spans.get((r, c), (1, 1))
                inner = xs[c + cs] - xs[c] - 2 * pad
                wrapped = self._wrap(text, size, inner)
                lines[(r, c)] = wrapped
                if rs == 1:
                    need = max(need, len(wrapped) * size * leading + 2 * pad)
            heights.append(need)
        self.y += 10
        placed: list[tuple[int, float]] = []
        for r in range(len(rows)):
            if self.y + heights[r] > self.bottom:
                self._draw_rows(placed, rows, xs, heights, lines, spans, omit, size, leading)
                self.new_page()
                placed = []
                for h in range(header):
                    placed.append((h, self.y))
                    self.y += heights[h]
            placed.append((r, self.y))
            self.y += heights[r]
        self._draw_rows(placed, rows, xs, heights, lines, spans, omit, size, leading)

    def _wrap(self, text: str, size: float, inner: float) -> list[str]:
        out = [""]
        for ch in text:
            if out[-1] and width(out[-1] + ch, size) > inner:
                out.append("")
            out[-1] += ch
        return out

    def _draw_rows(self, placed, rows, xs, heights, lines, spans, omit, size, leading) -> None:  # type: ignore[no-untyped-def]
        """The rows placed on this page; a merged cell begun on an earlier page is drawn again as
        an empty box (its text stays where it began, as Word and WPS do)."""
        if not placed:
            return
        where = dict(placed)
        last = placed[-1][0]
        starts = {}
        for (r, c), (rs, _) in spans.items():
            for k in range(r, r + rs):
                starts[(k, c)] = r
        for r, y in placed:
            for c in range(len(rows[r])):
                first = starts.get((r, c), r)
                if rows[r][c] is None and not (first not in where and r == min(k for k in where if starts.get((k, c)) == first)):
                    continue
                rs, cs = spans.get((first, c), (1, 1))
                rows_here = [k for k in range(first, first + rs) if k in where]
                y0 = where[rows_here[0]]
                y1 = max(where[k] + heights[k] for k in rows_here)
                x0, x1 = xs[c], xs[c + cs]
                # the cell's edges, each drawn on its own (as WPS does), unless omitted
                if ("h", r, c) not in omit:
                    self.rule(x0, y0, x1, y0)
                if ("h", first + rs, c) not in omit or rows_here[-1] == last:
                    self.rule(x0, y1, x1, y1)
                if ("v", r, c) not in omit:
                    self.rule(x0, y0, x0, y1)
                if ("v", r, c + cs) not in omit:
                    self.rule(x1, y0, x1, y1)
                if first != r and (first, c) not in self._carry:
                    continue
                wrapped = lines[(r, c)] if first == r else self._carry.pop((first, c))
                block = len(wrapped) * size * leading
                # centred in the cell; a merged cell the page break cuts: from the top of its part,
                # the lines that do not fit carried on into its part on the next page
                middle = (y1 - y0 - block) / 2 if len(rows_here) == rs else 2.0
                if len(rows_here) < rs and first == r:
                    fit = max(int((y1 - y0 - 4) // (size * leading)), 1)
                    if fit < len(wrapped):
                        self._carry[(first, c)] = wrapped[fit:]
                        wrapped = wrapped[:fit]
                base = y0 + middle + size * (leading - 0.25)
                for line in wrapped:
                    self.chars(line, (x0 + x1 - width(line, size)) / 2, base, size)
                    base += size * leading
