"""A report published as a PDF as blocks, read by where things sit on the page (PDFium through
pypdfium2, see pdf_page), not by the order the file draws them.

Per page: ruled tables are rebuilt from their strokes (pdf_grid), the other characters become
lines (pdf_lines), page numbers and running heads/feet are dropped, a table drawn without rules is
found by how its text lines up (pdf_tables), and two-column text is read column by column.

Paragraphs come back from lines: GB/T 9704 indents the first line of every paragraph (headings
too) by two characters and sets wrapped lines flush left, so an indented line, a centred or
right-aligned line, a change of size, a wider gap above, or a line after one that stopped short
of the right margin starts a paragraph — across a page break too: the last line of a page that
reaches the margin runs on into the next page's first line when that is not indented. A table
continued on the next page is joined into one (pdf_tables.join).

Each paragraph says how it is set: alignment, size (pt), font (subset prefix removed), first-line
indent (in characters of its size), bold — recognition finds headings by them."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

from .document import Block, Para, Table
from .pdf_grid import Part, tables
from .pdf_lines import Line, columns, drop_furniture, is_cjk, page_lines
from .pdf_page import Page, read_pages, text_layer_chars
from .pdf_tables import aligned_tables, can_join, join

__all__ = ["read_pdf", "text_layer_chars"]


def read_pdf(path: Path) -> list[Block]:
    """The PDF's paragraphs and tables in reading order. Raises ReadError (in Chinese) for a file
    that needs a password (有密码, and what to do) or is damaged."""
    pages = read_pages(path)
    flows: list[list[Line]] = []
    parts: list[list[Part]] = []
    boxes: list[list[Part]] = []
    for page in pages:
        boxes.append([])
        found, rest = tables(page, page.chars, boxes[-1])
        flows.append(page_lines(page.number, rest))
        parts.append(found)
    drop_furniture(pages, flows)
    _cut_first_rows(flows, parts, boxes)
    items: list[list[Line | Part]] = []
    for page, lines, found in zip(pages, flows, parts):
        more, lines = aligned_tables(lines)
        items.append(_in_order(columns(lines, page.width), found + more))
    _place(pages, items)
    return _blocks(items)


def _cut_first_rows(flows: list[list[Line]], parts: list[list[Part]], boxes: list[list[Part]]) -> None:
    """A box of one column last on its page, above a table first on the next page with the same
    frame, is that table's first row (第二十条第（一）项, one merged cell) the page break cut off:
    made a table part (joined later), its lines taken out of the text."""
    for k, page_boxes in enumerate(boxes[:-1]):
        after = [p for p in parts[k + 1] if not any(ln.bottom <= p.top for ln in flows[k + 1])]
        for box in page_boxes:
            if any(ln.top >= box.bottom - 1 for ln in flows[k]) or any(p.top >= box.bottom - 1 for p in parts[k]):
                continue  # not last on its page
            if not any(abs(p.x0 - box.x0) <= 4 and abs(p.x1 - box.x1) <= 4 for p in after):
                continue
            flows[k][:] = [ln for ln in flows[k] if not (box.x0 <= (ln.x0 + ln.x1) / 2 <= box.x1
                                                         and box.top <= (ln.top + ln.bottom) / 2 <= box.bottom)]
            parts[k].append(box)


def _in_order(lines: list[Line], found: list[Part]) -> list[Line | Part]:
    """Lines in reading order with each table put before the first line below its top."""
    at = {id(part): next((k for k, ln in enumerate(lines) if ln.top >= part.top), len(lines)) for part in found}
    out: list[Line | Part] = []
    ordered = sorted(found, key=lambda p: (at[id(p)], p.top))
    for k, ln in enumerate(lines + [None]):
        while ordered and at[id(ordered[0])] == k:
            out.append(ordered.pop(0))
        if ln is not None:
            out.append(ln)
    return out


def _edge(values: list[float], leftmost: bool) -> float:
    """The text block's edge: the outermost position shared (within 2 pt) by at least two lines,
    or by 5 % of them (a stray mark further out does not move the margin)."""
    need = max(2, len(values) // 20)
    ordered = sorted(values, reverse=not leftmost)
    for v in ordered:
        if sum(abs(w - v) <= 2 for w in values) >= need:
            return v
    return ordered[0]


def _place(pages: list[Page], items: list[list[Line | Part]]) -> None:
    """Each line's alignment, indent and whether it stops short, against the text block's edges
    (pages of the same width share them: a landscape page has its own, a column its own)."""
    by_width: dict[tuple[int, object], list[Line]] = {}
    for page, row in zip(pages, items):
        for x in row:
            if isinstance(x, Line):
                by_width.setdefault((round(page.width), x.extra.get("column", "")), []).append(x)
    for lines in by_width.values():
        if not lines:
            continue
        left = _edge([ln.x0 for ln in lines], True)
        right = _edge([ln.x1 for ln in lines], False)
        body = statistics.median(ln.size for ln in lines)
        for ln in lines:
            em = ln.size or body
            indent, room = (ln.x0 - left) / em, (right - ln.x1) / em
            larger = ln.size > 1.2 * body  # a title line: wider than the body's 2-character indent may leave
            align = ""
            if (indent > 3 or larger and indent > 1) and abs(indent - room) < 1.5:
                align = "center"
            elif indent > 3 and room < 4.5:
                align = "right"
            ln.extra.update(align=align, indent=round(max(indent, 0) * 2) / 2, short=room > 1.5, larger=larger)


def _pitch(items: list[list[Line | Part]]) -> float:
    """The usual distance between the baselines of consecutive lines (the body's line spacing)."""
    steps = []
    for row in items:
        lines = [x for x in row if isinstance(x, Line)]
        steps += [round(b.base - a.base, 1) for a, b in zip(lines, lines[1:]) if 0 < b.base - a.base < 4 * b.size]
    return Counter(steps).most_common(1)[0][0] if steps else 0.0


def _starts(line: Line, last: Line | None, new_page: bool, pitch: float) -> bool:
    """Whether `line` starts a paragraph after `last` (None: after a table or at the start)."""
    if last is None:
        return True
    align, prev_align = line.extra["align"], last.extra["align"]
    # a centred title set on two lines: the second line centred under a centred line, or under a
    # full first line when set larger than the body (a centred caption after a full body line is not)
    if align == "center" and abs(line.size - last.size) < 0.5 and (
            prev_align == "center" or not prev_align and not last.extra["short"] and line.extra["larger"]):
        return False
    if line.extra["indent"] >= 1 or align or prev_align or last.extra["short"] or abs(line.size - last.size) >= 0.5:
        return True
    return not new_page and pitch > 0 and line.base - last.base > 1.6 * pitch


def _blocks(items: list[list[Line | Part]]) -> list[Block]:
    pitch = _pitch(items)
    out: list[Block | Part] = []
    paras: dict[int, list[Line]] = {}  # id(Para) → its lines
    last: Line | None = None
    for row in items:
        first_on_page = True
        for item in row:
            if isinstance(item, Part):
                prev = out[-1] if out else None
                if isinstance(prev, Part) and first_on_page and last is None and can_join(prev, item):
                    out[-1] = join(prev, item)
                else:
                    out.append(item)
                last = None
            elif _starts(item, last, first_on_page, pitch):
                out.append(Para(item.text))
                paras[id(out[-1])] = [item]
                last = item
            else:
                para = out[-1]
                assert isinstance(para, Para)
                space = " " if para.text[-1:].isascii() and para.text[-1:].isalnum() and item.text[:1].isascii() \
                    and item.text[:1].isalpha() and not is_cjk(item.text[:1]) else ""
                para.text += space + item.text
                paras[id(para)].append(item)
                last = item
            first_on_page = False
    blocks: list[Block] = []
    for block in out:
        if isinstance(block, Part):
            blocks.append(Table(block.rows))
            continue
        _set(block, paras[id(block)])
        blocks.append(block)
    return blocks


def _set(para: Para, lines: list[Line]) -> None:
    """How the paragraph is set, from its first line and all its characters."""
    first = lines[0]
    ink = [c for ln in lines for c in ln.chars if not c.text.isspace()]
    para.align = str(first.extra["align"])
    para.indent = float(first.extra["indent"])  # type: ignore[arg-type]
    para.size = first.size
    para.font = Counter(c.font for c in ink).most_common(1)[0][0] if ink else first.font
    para.bold = sum(c.bold for c in ink) * 2 > len(ink)
