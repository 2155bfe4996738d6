"""A report published as a PDF as blocks, with pdfplumber (text with positions, ruled tables).

pdfplumber (MIT; pdfminer.six underneath, pure Python for the text) was chosen because it gives
each character's position and finds ruled tables with their cell rectangles, so merged cells can
be put back into a grid; it is imported only here, when a PDF is read (about 60 ms).

Paragraphs come back from lines: GB/T 9704 indents the first line of every paragraph (headings
too) by two characters and sets wrapped lines flush left, so an indented line, a centred or
right-aligned line, or a line after one that stopped short of the right margin starts a
paragraph. Page numbers (— 1 —) are dropped; a table cut by a page break is joined again."""

from __future__ import annotations

import re
from pathlib import Path

from .document import Block, Cell, Para, Table, number_text
from .read_docx import ReadError

_PAGE_NUMBER = re.compile(r"^[—–\-－一\s]*\d+[—–\-－一\s]*$")


def read_pdf(path: Path) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    blocks: list[tuple[int, float, Block]] = []
    try:
        with pdfplumber.open(path) as pdf:
            for n, page in enumerate(pdf.pages):
                blocks += _page_blocks(n, page)
                blocks.sort(key=lambda item: (item[0], item[1]))
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(f"无法读取 PDF：{exc}") from exc
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        if type(exc).__module__.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
            raise ReadError(f"无法读取 PDF：{exc}") from exc
        raise
    _place(blocks)
    return _join(blocks)


def _page_blocks(n: int, page) -> list[tuple[int, float, Block]]:  # type: ignore[no-untyped-def]
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:  # type: ignore[no-untyped-def]
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    out: list[tuple[int, float, Block]] = []
    for table in tables:
        out.append((n, table.bbox[1], _grid(page, table)))
    for ln in page.filter(outside).extract_text_lines(x_tolerance=1.5, return_chars=True):
        if ln["text"].strip() and not _PAGE_NUMBER.match(ln["text"]):
            size = max((c.get("size", 12) for c in ln["chars"]), default=12)
            out.append((n, ln["top"], _Line(ln["text"], ln["x0"], ln["x1"], size)))
    return out


def _place(items: list[tuple[int, float, Block]]) -> None:
    """Each line's alignment and indent against the text block's edges over the whole document."""
    lines = [item for _, _, item in items if isinstance(item, _Line)]
    if not lines:
        return
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    body = sorted(ln.size for ln in lines)[len(lines) // 2]
    for ln in lines:
        indent, room = ln.x0 - left, right - ln.x1
        larger = ln.size > 1.2 * body  # a title line: wider than the body's 2-character indent may leave
        if (indent > 3 * ln.size or larger and indent > ln.size) and abs(indent - room) < 1.5 * ln.size:
            ln.align = "center"
        elif indent > 3 * ln.size and room < 4.5 * ln.size:
            ln.align = "right"
        ln.indented = indent > 0.8 * ln.size
        ln.short = room > 1.5 * ln.size


class _Line(Para):
    def __init__(self, text: str, x0: float, x1: float, size: float):
        super().__init__(text)
        self.x0, self.x1, self.size = x0, x1, size
        self.indented = self.short = False


def _grid(page, table) -> Table:  # type: ignore[no-untyped-def]
    """The table's cells put on the grid of every distinct cell edge, a merged cell at each
    position it covers."""
    cells = [c for c in table.cells if c]
    xs = sorted({round(v, 0) for c in cells for v in (c[0], c[2])})
    ys = sorted({round(v, 0) for c in cells for v in (c[1], c[3])})
    xs, ys = _merge_close(xs), _merge_close(ys)
    grid: dict[tuple[int, int], Cell] = {}
    for x0, top, x1, bottom in cells:
        text = page.crop((x0, top, x1, bottom), strict=False).extract_text(x_tolerance=1.5) or ""
        cell = Cell(text.replace("\n", ""))
        cols = [i for i in range(len(xs) - 1) if xs[i] >= x0 - 2 and xs[i + 1] <= x1 + 2]
        rows = [j for j in range(len(ys) - 1) if ys[j] >= top - 2 and ys[j + 1] <= bottom + 2]
        for j in rows:
            for i in cols:
                grid.setdefault((j, i), cell)
    blank = Cell("")
    return Table([[grid.get((j, i), blank) for i in range(len(xs) - 1)] for j in range(len(ys) - 1)])


def _merge_close(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > 2:
            out.append(v)
    return out


_LABEL_START = re.compile(r"^\s*(\d|[（(]|[一二三四五六七八九十]+、)")


def _mend_split_row(table: Table, first: int) -> None:
    """A row the page break cut in two: the continuation (text only, no number, not starting a
    label of its own) is added to the row above it, cell by cell."""
    if first < 1 or first >= len(table.rows):
        return
    above, below = table.rows[first - 1], table.rows[first]
    texts = [c.text.strip() for c in below if c.text.strip()]
    if not texts or any(number_text(t) or _LABEL_START.match(t) for t in texts):
        return
    seen: set[int] = set()
    for a, b in zip(above, below):
        if id(a) not in seen and id(b) not in seen and b.text.strip() and a is not b:
            a.text += b.text
        seen.update((id(a), id(b)))
    del table.rows[first]


def _join(items: list[tuple[int, float, Block]]) -> list[Block]:
    """Lines into paragraphs; a table continued on the next page into one table (its rows
    right-aligned on the value columns: the narrower part's label cell is repeated on the left,
    as a merged label is)."""
    blocks: list[Block] = []
    last_line: _Line | None = None
    last_page = -1
    for page, _, item in items:
        if isinstance(item, Table):
            prev = blocks[-1] if blocks else None
            if isinstance(prev, Table) and last_line is None and page > last_page and prev.rows and item.rows:
                width = max(len(prev.rows[0]), len(item.rows[0]))
                prev.rows = [[r[0]] * (width - len(r)) + r for r in prev.rows + item.rows]
                _mend_split_row(prev, len(prev.rows) - len(item.rows))
            else:
                blocks.append(item)
            last_line = None
            last_page = page
            continue
        line = item
        assert isinstance(line, _Line)
        # a centred title set on two lines: the second line centred under a centred or a full first line
        centred_on = bool(last_line and line.align == "center" and line.size == last_line.size
                          and (last_line.align == "center" or not last_line.align and not last_line.short))
        starts = not centred_on and (last_line is None or line.indented or line.align or last_line.align
                                     or last_line.short)
        if starts:
            blocks.append(Para(line.text, line.align))
        else:
            para = blocks[-1]
            assert isinstance(para, Para)
            para.text += line.text
        last_line = line
        last_page = page
    return blocks
