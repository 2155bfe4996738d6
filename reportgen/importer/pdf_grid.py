"""Ruled tables rebuilt from the strokes on a page, each character put in the cell whose box
holds its centre — so a label wrapped over two or three lines stays in its own cell and never
joins the digits of two rows.

The grid is every distinct rule position (rules within 1.5 pt are one); two neighbouring grid
boxes are one (merged) cell when no rule separates them, and a merged cell is the same `Cell` at
every position it covers. Where the reading is doubtful the cell says so in `Cell.unsure` (a
short Chinese reason) instead of guessing in silence:

- a value cell holding numbers on two lines (they may belong to two rows);
- one cell holding two numbers side by side (a rule may be missing between them);
- a rule that is missing, when the numbers show where it should be (the grid is completed from
  the text's positions and every cell so split is marked);
- a digit whose ink crosses a rule, or a digit just outside the table's frame;
- rules that do not form a grid (a merged area that is not a rectangle): every cell so read;
- a character the font gives no Unicode for (a private-use code): the cell cannot be read surely."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .document import Cell, number_text
from .pdf_lines import line_text
from .pdf_page import Char, Page, Rule

TOL = 1.5  # pt: rules closer than this are one rule
TWO_LINES = "数字跨两行，可能属于两行"
TWO_NUMBERS = "一个单元格里有两个数，可能缺一条竖线"
INFERRED_ROW = "表格线缺失，按文字位置分行"
INFERRED_COL = "表格线缺失，按文字位置分列"
ON_RULE = "数字压在表格线上，可能属于相邻单元格"
OUTSIDE = "有数字在表格线外，已归入最近的单元格"
NO_GRID = "表格线不成网格，按文字位置读出"
UNREADABLE = "有无法识别的字符（字体没有文字编码）"
_DIGIT = re.compile(r"\d")


@dataclass
class Part:
    """A table (or the part of one on one page): its frame, its column edges, its rows."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    xs: list[float]
    rows: list[list[Cell]] = field(default_factory=list)


def merge_rules(rules: list[Rule], horizontal: bool) -> list[Rule]:
    """Rules of one direction with collinear pieces joined (same position within TOL, gaps of at
    most 2 pt bridged); pieces shorter than 2 pt (corner ticks) dropped."""
    pieces = sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: r.pos)
    lines: list[list[Rule]] = []
    for r in pieces:
        if lines and r.pos - lines[-1][0].pos <= TOL:
            lines[-1].append(r)
        else:
            lines.append([r])
    out: list[Rule] = []
    for group in lines:
        pos = sum(r.pos for r in group) / len(group)
        joined: list[Rule] = []
        for r in sorted(group, key=lambda r: r.start):
            if joined and r.start <= joined[-1].end + 2:
                joined[-1].end = max(joined[-1].end, r.end)
            else:
                joined.append(Rule(horizontal, pos, r.start, r.end))
        out += [r for r in joined if r.end - r.start >= 2]
    return out


def components(hs: list[Rule], vs: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of rules that touch one another (within 2 pt), with at least two of each direction."""
    parent = list(range(len(hs) + len(vs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, h in enumerate(hs):
        for k, v in enumerate(vs):
            if h.start - 2 <= v.pos <= h.end + 2 and v.start - 2 <= h.pos <= v.end + 2:
                parent[find(i)] = find(len(hs) + k)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for k, v in enumerate(vs):
        groups.setdefault(find(len(hs) + k), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def positions(values: list[float], edge: float = 0.0) -> list[float]:
    """Distinct positions (values within TOL are one, at their mean); with `edge`, an outermost
    position closer than that to the next is dropped (a rule overshooting the frame)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= TOL:
            out[-1].append(v)
        else:
            out.append([v])
    pos = [sum(g) / len(g) for g in out]
    if edge and len(pos) > 2 and pos[1] - pos[0] < edge:
        del pos[0]
    if edge and len(pos) > 2 and pos[-1] - pos[-2] < edge:
        del pos[-1]
    return pos


def _covers(rules: list[Rule], pos: float, a: float, b: float) -> bool:
    """A rule at `pos` runs along the middle of the span a..b."""
    lo, hi = a + 0.3 * (b - a), b - 0.3 * (b - a)
    return any(abs(r.pos - pos) <= TOL and r.start <= lo + 0.5 and r.end >= hi - 0.5 for r in rules)


class _Grid:
    """Grid positions (row j, column i) and the merged areas they form."""

    def __init__(self, hs: list[Rule], vs: list[Rule]):
        self.hs, self.vs = hs, vs
        self.inferred: list[tuple[Rule, str]] = []
        self.xs = positions([v.pos for v in vs] + [min(h.start for h in hs), max(h.end for h in hs)], 4)
        self.ys = positions([h.pos for h in hs] + [min(v.start for v in vs), max(v.end for v in vs)], 4)
        rows, cols = len(self.ys) - 1, len(self.xs) - 1
        self.root = {(j, i): (j, i) for j in range(rows) for i in range(cols)}
        for j in range(rows):
            for i in range(cols):
                if i + 1 < cols and not _covers(vs, self.xs[i + 1], self.ys[j], self.ys[j + 1]):
                    self._union((j, i), (j, i + 1))
                if j + 1 < rows and not _covers(hs, self.ys[j + 1], self.xs[i], self.xs[i + 1]):
                    self._union((j, i), (j + 1, i))
        self.areas: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for pos in self.root:
            self.areas.setdefault(self._find(pos), []).append(pos)
        self.boxes = {root: (min(p[0] for p in pos), max(p[0] for p in pos), min(p[1] for p in pos),
                             max(p[1] for p in pos)) for root, pos in self.areas.items()}

    def _find(self, a: tuple[int, int]) -> tuple[int, int]:
        while self.root[a] != a:
            self.root[a] = self.root[self.root[a]]
            a = self.root[a]
        return a

    def _union(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        self.root[self._find(a)] = self._find(b)

    def areas_list(self) -> list[tuple[int, int, int, int]]:
        return list(self.boxes.values())

    def area(self, j: int, i: int) -> tuple[int, int, int, int]:
        """(first row, last row, first column, last column) of the area holding position (j, i)."""
        return self.boxes[self._find((j, i))]

    def rectangular(self, j: int, i: int) -> bool:
        r0, r1, c0, c1 = self.area(j, i)
        return len(self.areas[self._find((j, i))]) == (r1 - r0 + 1) * (c1 - c0 + 1)

    def locate(self, x: float, y: float) -> tuple[int, int]:
        i = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        j = min(max(bisect.bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return j, i


def tables(page: Page, chars: list[Char], boxes: list[Part] | None = None) -> tuple[list[Part], list[Char]]:
    """The page's ruled tables, and the characters left for the text (outside every table). A
    grid of one column (a frame, a box around a paragraph, a column of boxes) is text, not a
    table: its characters stay in the text; given a `boxes` list, each such grid is added to it
    as a Part too (the first row of a table the page break cut off, one merged cell, is one: see
    read_pdf)."""
    hs, vs = merge_rules(page.rules, True), merge_rules(page.rules, False)
    parts: list[Part] = []
    rest = chars
    for comp_h, comp_v in sorted(components(hs, vs), key=lambda g: min(h.pos for h in g[0])):
        grid = _Grid(comp_h, comp_v)
        if len(grid.xs) < 3:
            if boxes is not None:
                box = Part(page.number, grid.ys[0], grid.ys[-1], grid.xs[0], grid.xs[-1], grid.xs)
                box.rows = _fill(grid, [ch for ch in rest if grid.xs[0] <= ch.cx <= grid.xs[-1]
                                        and grid.ys[0] <= ch.cy <= grid.ys[-1]], [])
                boxes.append(box)
            continue
        x0, x1, top, bottom = grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]
        inside, rest_ = [], []
        for ch in rest:
            if x0 - 1 <= ch.cx <= x1 + 1 and top - 1 <= ch.cy <= bottom + 1:
                inside.append(ch)
            else:
                rest_.append(ch)
        near = _near(rest_, x0, x1, top, bottom)
        taken = {id(ch) for ch in near}
        rest = [ch for ch in rest_ if id(ch) not in taken]
        grid = _complete(grid, inside)
        part = Part(page.number, top, bottom, x0, x1, grid.xs)
        part.rows = _fill(grid, inside, near)
        parts.append(part)
    return parts, rest


def _near(chars: list[Char], x0: float, x1: float, top: float, bottom: float) -> list[Char]:
    """Numbers standing alone just outside a table's frame (within 0.6 of their size): a line of
    digits only, not the end of a sentence above or below the table."""
    close = [c for c in chars if c.x1 > x0 - 0.6 * c.size and c.x0 < x1 + 0.6 * c.size
             and c.bottom > top - 0.6 * c.size and c.top < bottom + 0.6 * c.size]
    if not close:
        return []
    near = {id(c) for c in close}
    out: list[Char] = []
    bases = sorted({round(k.base) for k in close})
    for line in cell_lines([c for c in chars if any(abs(c.base - b) < 0.3 * c.size + 0.5 for b in bases)]):
        ink = [c for c in line if not c.text.isspace()]
        pieces: list[list[Char]] = []
        for ch in ink:
            if pieces and ch.x0 - pieces[-1][-1].x1 < ch.size:
                pieces[-1].append(ch)
            else:
                pieces.append([ch])
        out += [c for p in pieces if number_text(line_text(p)) and any(id(c) in near for c in p) for c in p]
    return out


def cell_lines(chars: list[Char]) -> list[list[Char]]:
    """A cell's characters as lines, top to bottom, each left to right."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c.base):
        if rows and ch.base - rows[-1][0].base <= 0.3 * max(ch.size, rows[-1][0].size):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return [sorted(r, key=lambda c: c.x0) for r in rows]


def _number_groups(line: list[Char]) -> list[list[Char]]:
    """A line cut where the gap is a character wide or more, when every piece is a number."""
    ink = [c for c in line if not c.text.isspace()]
    groups: list[list[Char]] = []
    for ch in ink:
        if groups and ch.x0 - groups[-1][-1].x1 < 0.9 * ch.size:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    if len(groups) > 1 and all(number_text(line_text(g)) for g in groups):
        return groups
    return [ink]


def _complete(grid: _Grid, chars: list[Char]) -> _Grid:
    """The grid with the rules its numbers show are missing, marked as inferred:

    - a cell spanning grid rows (or columns) whose numbers sit one per grid row (column): the rule
      between them, under that cell only;
    - a grid row where two or more cells each hold numbers on the same two (or more) baselines: a
      rule between those lines under every cell confined to that row (labels set on the same lines
      are split too);
    - a grid column where two or more rows each hold two numbers side by side: a rule in the gap,
      under the cells of that column holding such numbers or nothing."""
    by_area: dict[tuple[int, int, int, int], list[Char]] = {}
    for ch in chars:
        by_area.setdefault(grid.area(*grid.locate(ch.cx, ch.cy)), []).append(ch)
    new: list[Rule] = []
    rows_seen: dict[int, list[list[float]]] = {}
    cols_seen: dict[int, list[list[float]]] = {}
    plain_cols: dict[int, list[tuple[int, int, int, int]]] = {}
    for area, cs in by_area.items():
        r0, r1, c0, c1 = area
        lines = cell_lines(cs)
        groups = _number_groups(lines[0]) if len(lines) == 1 else []
        if len(lines) >= 2 and all(number_text(line_text(ln)) for ln in lines):
            spots = [grid.locate(ln[0].cx, sum(c.cy for c in ln) / len(ln))[0] for ln in lines]
            if r1 > r0 and len(set(spots)) == len(spots):
                new += [Rule(True, grid.ys[b], grid.xs[c0], grid.xs[c1 + 1]) for a, b in zip(spots, spots[1:])]
            elif r1 == r0:
                rows_seen.setdefault(r0, []).append([(a[-1].bottom + b[0].top) / 2 for a, b in zip(lines, lines[1:])])
        elif len(groups) > 1:
            spots = [grid.locate(sum(c.cx for c in g) / len(g), g[0].cy)[1] for g in groups]
            if c1 > c0 and len(set(spots)) == len(spots):
                new += [Rule(False, grid.xs[b], grid.ys[r0], grid.ys[r1 + 1]) for a, b in zip(spots, spots[1:])]
            elif c1 == c0:
                cols_seen.setdefault(c0, []).append([(a[-1].x1 + b[0].x0) / 2 for a, b in zip(groups, groups[1:])])
                plain_cols.setdefault(c0, []).append(area)
    for area in grid.areas_list():
        if area[2] == area[3] and area not in by_area:
            plain_cols.setdefault(area[2], []).append(area)
    for j, found in rows_seen.items():
        for pos in _agreed(found):
            new += [Rule(True, pos, grid.xs[a[2]], grid.xs[a[3] + 1]) for a in grid.areas_list() if a[0] == a[1] == j]
    for i, found in cols_seen.items():
        for pos in _agreed(found):
            new += [Rule(False, pos, grid.ys[a[0]], grid.ys[a[1] + 1]) for a in plain_cols[i]]
    if not new:
        return grid
    done = _Grid(merge_rules(grid.hs + [r for r in new if r.horizontal], True),
                 merge_rules(grid.vs + [r for r in new if not r.horizontal], False))
    done.inferred = [(r, INFERRED_ROW if r.horizontal else INFERRED_COL) for r in new]
    return done


def _agreed(found: list[list[float]]) -> list[float]:
    """Cut positions two or more cells agree on (same count, each within 3 pt)."""
    if len(found) < 2 or len({len(f) for f in found}) != 1:
        return []
    cuts = list(zip(*found))
    return [sum(at) / len(at) for at in cuts if max(at) - min(at) <= 3]


def _fill(grid: _Grid, chars: list[Char], near: list[Char]) -> list[list[Cell]]:
    """The grid's rows of cells, each character in the cell holding its centre."""
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    holding: dict[tuple[int, int, int, int], list[Char]] = {}
    broken = {pos for pos in grid.root if not grid.rectangular(*pos)}
    too_broken = len(broken) > 0.3 * len(grid.root)

    def key(j: int, i: int) -> tuple[int, int, int, int]:
        return (j, j, i, i) if (j, i) in broken else grid.area(j, i)

    for ch in chars:
        holding.setdefault(key(*grid.locate(ch.cx, ch.cy)), []).append(ch)
    outside: set[tuple[int, int, int, int]] = set()
    for ch in near:
        j, i = grid.locate(ch.cx, ch.cy)
        holding.setdefault(key(j, i), []).append(ch)
        outside.add(key(j, i))
    cells: dict[tuple[int, int, int, int], Cell] = {}
    for j in range(rows):
        for i in range(cols):
            k = key(j, i)
            if k not in cells:
                cells[k] = _cell(grid, k, holding.get(k, []))
                if k in outside:
                    cells[k].unsure = OUTSIDE
                if (j, i) in broken or too_broken:
                    cells[k].unsure = cells[k].unsure or NO_GRID
    for rule, why in grid.inferred:
        for k, cell in cells.items():
            r0, r1, c0, c1 = k
            if rule.horizontal and grid.xs[c0] < rule.end - 1 and grid.xs[c1 + 1] > rule.start + 1 \
                    and grid.ys[r0] - TOL <= rule.pos <= grid.ys[r1 + 1] + TOL:
                cell.unsure = cell.unsure or why
            if not rule.horizontal and grid.ys[r0] < rule.end - 1 and grid.ys[r1 + 1] > rule.start + 1 \
                    and grid.xs[c0] - TOL <= rule.pos <= grid.xs[c1 + 1] + TOL:
                cell.unsure = cell.unsure or why
    return [[cells[key(j, i)] for i in range(cols)] for j in range(rows)]


def _cell(grid: _Grid, area: tuple[int, int, int, int], chars: list[Char]) -> Cell:
    """One cell's text (its lines joined: a wrapped label is one label) and why it is unsure."""
    lines = cell_lines(chars)
    texts = [line_text(ln) for ln in lines]
    cell = Cell("".join(texts))
    numbers = [t for t in texts if number_text(t)]
    if len(numbers) >= 2 and len(numbers) == len(texts):
        cell.unsure = TWO_LINES
    elif any(len(_number_groups(ln)) > 1 for ln in lines):
        cell.unsure = TWO_NUMBERS
    if any(0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd" for ch in cell.text):
        cell.unsure = cell.unsure or UNREADABLE
    r0, r1, c0, c1 = area
    left, right, top, bottom = grid.xs[c0], grid.xs[c1 + 1], grid.ys[r0], grid.ys[r1 + 1]
    for ch in chars:
        if not _DIGIT.match(ch.text):
            continue
        w, h = ch.x1 - ch.x0, ch.ink_bottom - ch.ink_top
        if min(right, ch.x1) - max(left, ch.x0) < 0.75 * w or min(bottom, ch.ink_bottom) - max(top, ch.ink_top) < 0.75 * h:
            cell.unsure = cell.unsure or ON_RULE
    return cell
