"""Tables beyond one page's rules: a table drawn without rules (its grid from how the text lines
up, every cell marked unsure), and a table continued on the next page joined to its first part
(its repeated header row dropped, a merged cell and a row cut by the page break put back)."""

from __future__ import annotations

import re
from collections import Counter

from .document import Cell, label_key, number_text
from .pdf_grid import Part, positions
from .pdf_lines import Line

NO_RULES = "表格没有画线，按文字位置对齐读出"
_LABEL_START = re.compile(r"^\s*(\d|[（(]|[一二三四五六七八九十]+、)")


def aligned_tables(lines: list[Line]) -> tuple[list[Part], list[Line]]:
    """Runs of three or more rows (lines sharing a baseline) cut into two or more segments by
    wide gaps, one of them into three or more, whose segments fall into three or more columns:
    a table without rules. Returns the tables and the lines left."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.base, ln.x0)):
        if rows and abs(ln.base - rows[-1][0].base) <= 0.3 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    parts: list[Part] = []
    taken: set[int] = set()
    run: list[list[Line]] = []
    for row in rows + [[]]:
        near = run and row and row[0].top - run[-1][0].bottom < 2.5 * row[0].size
        if len(row) >= 2 and (not run or near):
            run.append(row)
            continue
        if len(run) >= 3 and any(len(r) >= 3 for r in run):
            part = _aligned(run)
            if part is not None:
                parts.append(part)
                taken.update(id(ln) for r in run for ln in r)
        run = [row] if len(row) >= 2 else []
    return parts, [ln for ln in lines if id(ln) not in taken]


def _aligned(run: list[list[Line]]) -> Part | None:
    spans: list[list[float]] = []
    for x0, x1 in sorted((ln.x0, ln.x1) for row in run for ln in row):
        if spans and x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], x1)
        else:
            spans.append([x0, x1])
    if len(spans) < 3:
        return None
    xs = [spans[0][0]] + [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:])] + [spans[-1][1]]
    part = Part(run[0][0].page, min(ln.top for ln in run[0]), max(ln.bottom for ln in run[-1]), xs[0], xs[-1], xs)
    for row in run:
        cells = [Cell("", NO_RULES) for _ in spans]
        for ln in row:
            k = next(i for i, s in enumerate(spans) if s[0] <= (ln.x0 + ln.x1) / 2 <= s[1])
            cells[k].text += ln.text
        part.rows.append(cells)
    return part


def can_join(a: Part, b: Part) -> bool:
    """`b`, first on its page, continues `a`, last on the page before: the same frame (left and
    right edges within 4 pt) and most of `b`'s inner column edges among `a`'s (another table of
    the same width has other columns); `a` of one column (a row of one merged cell) has none."""
    if b.page != a.page + 1 or abs(a.x0 - b.x0) > 4 or abs(a.x1 - b.x1) > 4:
        return False
    if len(a.xs) == 2:  # one merged cell, the table's first row: its frame is all it has
        return True
    inner = b.xs[1:-1]
    return sum(any(abs(x - y) <= 2 for y in a.xs) for x in inner) >= 0.6 * len(inner)


def join(a: Part, b: Part) -> Part:
    """`b` appended to `a` on the union of their column edges (a cell spanning edges the other
    part draws covers them, as a merged cell); a header row repeated at the top of `b` dropped; an
    empty merged cell at the top of `b` continuing the one above it becomes that cell; a row the
    page break cut in two (its second half only the rest of a label) put back together."""
    xs = positions(a.xs + b.xs)
    top, rest = _on(a, xs), _on(b, xs)
    repeated = 0
    while repeated < min(len(top), len(rest)) - 1 and _texts(top[repeated]) == _texts(rest[repeated]) \
            and any(_texts(top[repeated])):
        repeated += 1
    rest = rest[repeated:]
    if rest and top:
        _continue_merged(top, rest)
        if _cut_row(top[-1], rest[0]):
            rest = rest[1:]
    out = Part(a.page, a.top, b.bottom, xs[0], xs[-1], xs, top + rest)
    out.page = b.page  # a third part joins on to the last page's
    return out


def _on(part: Part, xs: list[float]) -> list[list[Cell]]:
    """The part's rows on the column edges `xs`."""
    out = []
    for row in part.rows:
        new = []
        for u in range(len(xs) - 1):
            mid = (xs[u] + xs[u + 1]) / 2
            i = next((i for i in range(len(part.xs) - 1) if part.xs[i] <= mid <= part.xs[i + 1]), None)
            new.append(row[i] if i is not None else Cell(""))
        out.append(new)
    return out


def _shape(row: list[Cell]) -> list[bool]:
    """Where a row's cells are merged across a column edge."""
    return [a is b for a, b in zip(row, row[1:])]


def _texts(row: list[Cell]) -> list[str]:
    return [label_key(c.text) for c in row]


def _continue_merged(top: list[list[Cell]], rest: list[list[Cell]]) -> None:
    """A merged cell cut by the page break: its part at the top of `rest` (same columns, spanning
    rows on one side of the break) becomes the cell above — its text, if any, the rest of that
    cell's label."""
    above = top[-1]
    spans_rows = Counter(id(c) for row in rest for c in row)
    for u, cell in enumerate(rest[0]):
        up = above[u]
        if cell is up or not up.text.strip() or number_text(up.text) is not None:
            continue
        text = cell.text.strip()
        if text and (number_text(text) is not None or _LABEL_START.match(text)):
            continue
        same_span = [c is cell for c in rest[0]] == [c is up for c in above]
        multi_row = spans_rows[id(cell)] > sum(c is cell for c in rest[0]) or len(top) > 1 and any(c is up for c in top[-2]) \
            or _next_item(above, rest[0], u)
        if same_span and multi_row:
            up.text += text
            for row in rest:
                row[:] = [up if c is cell else c for c in row]


_ITEM = re.compile(r"^\s*(\d+)\s*[.．、]")


def _next_item(above: list[Cell], below: list[Cell], u: int) -> bool:
    """The cell right of column `u` goes on numbering the items of the row above (1.… then 2.…):
    the row below belongs to the same group, whose label (column `u`) the break cut."""
    right = next((k for k in range(u + 1, len(above)) if above[k] is not above[u]), None)
    if right is None:
        return False
    a, b = _ITEM.match(above[right].text), _ITEM.match(below[right].text)
    return bool(a and b) and int(b.group(1)) == int(a.group(1)) + 1  # type: ignore[union-attr]


def _cut_row(above: list[Cell], below: list[Cell]) -> bool:
    """`below` is the rest of `above` (the same cells, text only, no number, not starting a label
    of its own): added to it cell by cell. Returns whether it was."""
    texts = [c.text.strip() for a, c in zip(above, below) if c is not a and c.text.strip()]
    if not texts or any(number_text(t) is not None or _LABEL_START.match(t) for t in texts):
        return False
    if _shape(above) != _shape(below):  # a row cut in two keeps its cells: a different row has other merges
        return False
    seen: set[int] = set()
    for a, b in zip(above, below):
        if id(a) not in seen and id(b) not in seen and a is not b and b.text.strip():
            a.text += b.text
        seen.update((id(a), id(b)))
    return True
