"""Ruled tables found in a page image: the ruling lines, the grid they make, the merged cells.

A scanned page is a grayscale picture (`numpy` array, 0 = black, 255 = white) of about 300 dpi.
A ruling line is a long run of dark pixels (at least `MIN_LINE` of an inch: a Chinese character
at 16 pt is a fifth of an inch wide, so text strokes are shorter); lines that cross make a
table. The grid is every distinct line position; two neighbouring grid positions are one merged
cell when no ruling line separates them (a border drawn over less than half of their common
edge is no border). Pure numpy and Pillow: no OpenCV for a few array operations."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

MIN_LINE = 1 / 3  # inch: the shortest run of dark pixels that counts as a ruling line
DARK = 150  # gray level below which a pixel is ink when the page cannot say (see `ink_level`)


@dataclass
class Line:
    """A ruling line in pixels: `pos` its y (horizontal) or x (vertical), from `start` to `end`."""

    pos: float
    start: int
    end: int
    rows: list[int] = field(default_factory=list)  # the pixel rows (or columns) it was found in


@dataclass
class GridCell:
    """One cell of a grid: its box in pixels (left, top, right, bottom, inside the ruling lines)
    and the grid positions (row, column) it covers."""

    box: tuple[int, int, int, int]
    positions: list[tuple[int, int]]


@dataclass
class Grid:
    """A ruled table: `ys` the row lines and `xs` the column lines (pixels, ascending), `cells`
    every cell once; `at[(row, col)]` the index in `cells` of the cell covering a position."""

    ys: list[float]
    xs: list[float]
    cells: list[GridCell]
    at: dict[tuple[int, int], int]

    @property
    def box(self) -> tuple[int, int, int, int]:
        return int(self.xs[0]), int(self.ys[0]), int(self.xs[-1]), int(self.ys[-1])


def deskew(image: Image.Image, limit: float = 2.0) -> Image.Image:
    """The page turned upright: the angle (within ±`limit` degrees, to 0.05°) at which the rows
    of ink are sharpest (the variance of the horizontal ink profile is largest). A scanner
    rarely feeds a page perfectly straight, and a skew of 0.3° already breaks a long ruling line
    into pieces one pixel row apart."""
    small = image.reduce(4)
    ink = Image.fromarray(((np.asarray(small) < DARK) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        profile = np.asarray(ink.rotate(angle, resample=Image.NEAREST), dtype=np.float64).sum(axis=1)
        return float(np.var(profile))

    best = max(np.arange(-limit, limit + 1e-9, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05), key=sharpness)
    if abs(best) < 0.05:
        return image
    return image.rotate(float(best), resample=Image.BICUBIC, fillcolor=255)


def ink_level(page: np.ndarray) -> int:
    """The gray level separating ink from paper on this page (Otsu's threshold: the level that
    best splits the page's histogram in two), kept between 80 and 200; `DARK` for a page of one
    shade. Scans are rarely black on white: the paper is gray, the ink faded or smudged."""
    hist = np.bincount(page.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * np.arange(256))
    between = (mean[-1] * weight - mean * total) ** 2 / np.maximum(weight * (total - weight), 1)
    level = int(np.argmax(between[:-1]))
    return min(200, max(80, level)) if between.max() > 0 else DARK


def _runs(mask: np.ndarray, min_len: int) -> list[tuple[int, int, int]]:
    """Runs of True along each row of `mask` at least `min_len` long: (row, start, end)."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # row-major order: the n-th end closes the n-th start
    keep = ends - starts >= min_len
    return list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()))


def _lines(runs: list[tuple[int, int, int]], gap: int) -> list[Line]:
    """Runs in neighbouring pixel rows that overlap (or nearly touch) joined into lines."""
    lines: list[Line] = []
    open_: list[Line] = []
    for row, start, end in sorted(runs):
        open_ = [ln for ln in open_ if row - ln.rows[-1] <= 2]
        for ln in open_:
            if start <= ln.end + gap and end >= ln.start - gap:
                ln.start, ln.end = min(ln.start, start), max(ln.end, end)
                if ln.rows[-1] != row:
                    ln.rows.append(row)
                break
        else:
            ln = Line(0, start, end, [row])
            lines.append(ln)
            open_.append(ln)
    for ln in lines:
        ln.pos = sum(ln.rows) / len(ln.rows)
    return lines


def ruling_lines(page: np.ndarray, dpi: float) -> tuple[list[Line], list[Line]]:
    """The horizontal and the vertical ruling lines of a page image."""
    ink = page < ink_level(page)
    min_len = int(MIN_LINE * dpi)
    gap = max(2, int(dpi / 100))
    horizontal = _lines(_runs(ink, min_len), gap)
    vertical = _lines(_runs(ink.T, min_len), gap)
    return horizontal, vertical


def _crosses(h: Line, v: Line, tol: float) -> bool:
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def find_grids(page: np.ndarray, dpi: float) -> list[Grid]:
    """Every ruled table on the page, top to bottom: lines that cross one another grouped, at
    least two rows of lines and two columns of lines each."""
    horizontal, vertical = ruling_lines(page, dpi)
    tol = dpi / 30  # a line may stop a little short of the one it meets
    lines = horizontal + vertical
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _crosses(h, v, tol):
                parent[root(i)] = root(len(horizontal) + j)
    groups: dict[int, list[int]] = {}
    for i in range(len(lines)):
        groups.setdefault(root(i), []).append(i)
    grids = []
    for members in groups.values():
        hs = [lines[i] for i in members if i < len(horizontal)]
        vs = [lines[i] for i in members if i >= len(horizontal)]
        if len(hs) >= 2 and len(vs) >= 2:
            grid = _grid(hs, vs, dpi)
            if grid.cells:
                grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _covered(lines: list[Line], pos: float, a: float, b: float, tol: float) -> bool:
    """Whether ruling lines at `pos` cover more than half of the span a–b."""
    span = b - a
    if span <= 0:
        return True
    cover = sum(max(0.0, min(b, ln.end) - max(a, ln.start)) for ln in lines if abs(ln.pos - pos) <= tol)
    return cover >= 0.5 * span


def _grid(hs: list[Line], vs: list[Line], dpi: float) -> Grid:
    tol = dpi / 40
    ys = _cluster([h.pos for h in hs], tol)
    xs = _cluster([v.pos for v in vs], tol)
    nrows, ncols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(nrows) for c in range(ncols)}

    def root(p: tuple[int, int]) -> tuple[int, int]:
        while parent[p] != p:
            p = parent[p]
        return p

    for r in range(nrows):
        for c in range(ncols):
            if c + 1 < ncols and not _covered(vs, xs[c + 1], ys[r], ys[r + 1], tol):
                parent[root((r, c + 1))] = root((r, c))
            if r + 1 < nrows and not _covered(hs, ys[r + 1], xs[c], xs[c + 1], tol):
                parent[root((r + 1, c))] = root((r, c))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for p in parent:
        members.setdefault(root(p), []).append(p)
    cells: list[GridCell] = []
    at: dict[tuple[int, int], int] = {}
    for positions in sorted(members.values()):
        r0, r1 = min(p[0] for p in positions), max(p[0] for p in positions)
        c0, c1 = min(p[1] for p in positions), max(p[1] for p in positions)
        box = (int(xs[c0]), int(ys[r0]), int(xs[c1 + 1]), int(ys[r1 + 1]))
        for p in positions:
            at[p] = len(cells)
        cells.append(GridCell(box, sorted(positions)))
    return Grid(ys, xs, cells, at)
