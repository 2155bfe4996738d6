"""A scanned PDF read by OCR: pages rendered with PDFium at 300 dpi, turned upright, their ruled
tables found (`ocr_grid`), every table cell read on its own and the text around the tables read
line by line (`tesseract`), all put back into blocks (`ocr_text`).

Every cell and every paragraph so read is marked unsure (`Cell.unsure`, `Para.unsure`): OCR
misreads digits (1 and 7, 0 and 8, a digit lost when two touch), so a figure read from a picture
is never given as sure. The note says more where the readings themselves doubt: a low
confidence, readings that disagree, fewer digits than the ink is wide, a mark not read.

A cell that may hold a number is read up to three times: as Chinese text (Tesseract's chi_sim
model, which knows digits too), then with only digits and the point allowed (the eng model with
a whitelist: the best reader of the tables' counts), and — when those two disagree, one found
nothing, or they found fewer digits than the ink is wide — once more with digits only at twice
the size. The reading most of them agree on is kept. Cells go to Tesseract in batches (one run
per kind of reading for the whole document), the page text beside the first batch.

Measured (python bench/ocr_scan.py): the example report scanned at 200 dpi (tests/fixtures/scan)
comes back with all 166 table figures of its facts right, the one-page table 三 with all 175;
3 s of CPU a page."""

from __future__ import annotations

import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

from .document import Block, Cell, Table, clean, number_text
from .ocr_grid import Grid, deskew, find_grids, ink_level
from .ocr_text import UNSURE, Line, assemble, chinese_punctuation, lines_of
from .read_docx import ReadError
from .tesseract import CHINESE, DIGITS, Word, crashed, read_images, tesseract

DPI = 300
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT_LOOKALIKES = "工上丨口日了丁"  # a lone 1 read as 工 or 上 (seen on the test scans); 丨了丁 1, 口日 0 by shape
_SURE = 80  # Tesseract's confidence (0–100) below which the note says the reading is doubtful
# letters the Chinese model puts for digits; a comma (thousands) dropped, as number_text does
_NUMBER_LIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "丨": "1", "]": "1",
                              "Z": "2", "S": "5", "s": "5", "B": "8", "g": "9", "q": "9", "，": None, ",": None})


def read_scan(path: Path) -> list[Block]:
    """The blocks of a scanned PDF, every one marked unsure. Raises OcrError (Tesseract missing,
    failed, timed out) or ReadError (the PDF cannot be opened)."""

    from .pdf_bounds import Budget
    from .pdf_open import open_pdf

    tesseract()  # missing: said before any page is rendered
    pdf = open_pdf(path)  # a password, damage or a file over pdf_bounds' limits: ReadError
    pages: list[np.ndarray] = []
    budget = Budget()
    try:
        for page in pdf:
            budget.page(len(pages), 0)
            image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
            pages.append(np.asarray(deskew(image)))
    finally:
        pdf.close()
    return read_page_images(pages)


def read_page_images(pages: list[np.ndarray]) -> list[Block]:
    """The blocks of page images (grayscale arrays at `DPI`), in reading order."""
    grids = [find_grids(page, DPI) for page in pages]
    cuts: list[tuple[Image.Image, int] | None] = []
    for page, found in zip(pages, grids):
        level = ink_level(page)
        for grid in found:
            cuts += [_cell_image(page, cell.box, level) for cell in grid.cells]
    texts = [_without_tables(page, found) for page, found in zip(pages, grids)]
    inked = {i: cut for i, cut in enumerate(cuts) if cut is not None}
    with ThreadPoolExecutor(max_workers=2) as pool:
        page_words = pool.submit(read_images, texts, lang=CHINESE, psm=3, timeout=60 + 60 * len(texts))
        first = pool.submit(read_images, [image for image, _ in inked.values()], lang=CHINESE, psm=6).result()
        lines = [lines_of(words) for words in page_words.result()]
    readings = {i: _Reading(image, words, glyphs) for (i, (image, glyphs)), words in zip(inked.items(), first)}
    _read_numbers(readings)
    out: list[list[tuple[int, Table | Line]]] = []
    n = 0
    for number, found in enumerate(grids):
        items: list[tuple[int, Table | Line]] = []
        for grid in found:
            cells = [readings[n + i].cell() if n + i in readings else Cell("", "OCR 识别：这一格空白，请核对")
                     for i in range(len(grid.cells))]
            n += len(grid.cells)
            items.append((grid.box[1], _table(grid, cells)))
        items += [(ln.top, ln) for ln in lines[number]]
        out.append(items)
    return assemble(out)


class _Reading:
    """What OCR made of one cell: its reading as Chinese text, and — for a cell that may hold a
    number — its readings with only digits allowed (as cut, then twice as large when the first
    readings disagree or found fewer digits than the ink is wide)."""

    def __init__(self, image: Image.Image, words: list[Word], glyphs: int):
        self.image = image
        self.text = _joined(words)
        self.conf = min((w.conf for w in words), default=0.0)
        self.numbers: list[str] = []
        self.number_conf = 100.0
        self.glyphs = glyphs  # how many digits wide its ink is (see `_glyphs`)
        self.crashed = crashed(words)  # Tesseract crashed on it in one of the readings

    @property
    def maybe_number(self) -> bool:
        """No Chinese character but those a digit is misread as (a serif 1 as 工 or 上, a 0 as
        口): a cell reading 无 or （一） stays text."""
        return all(ch in _DIGIT_LOOKALIKES for ch in _CJK.findall(self.text))

    @property
    def as_number(self) -> str:
        """The text reading with the letters OCR puts for digits (O, I, l …) taken as digits."""
        looks = unicodedata.normalize("NFKC", self.text).translate(_NUMBER_LIKE).replace(" ", "")
        return looks if number_text(looks) else ""

    def add(self, words: list[Word]) -> None:
        self.crashed = self.crashed or crashed(words)
        self.numbers.append("".join(w.text for w in words))
        self.number_conf = min([self.number_conf] + [w.conf for w in words])

    @property
    def doubtful(self) -> bool:
        found = [r for r in (self.as_number, *self.numbers) if r]
        return len(found) < 1 + len(self.numbers) or len(set(found)) != 1 or len(found[0]) < self.glyphs

    def cell(self) -> Cell:
        """The cell, with the note saying how sure its readings are."""
        if self.crashed:
            found = [r for r in (self.as_number, *self.numbers) if r]
            return Cell(found[-1] if found else self.text, "OCR 识别：识别程序读这一格时出错，没有可靠读出，请核对")
        if not self.numbers:
            if not self.text:
                return Cell("", "OCR 识别：这一格有字迹但没有识别出来，请核对")
            return Cell(self.text, UNSURE if self.conf >= _SURE else "OCR 识别（把握不大），请核对")
        found = [r for r in (self.as_number, *self.numbers) if r]
        if not found:
            return Cell(self.text, f"OCR 识别：“{self.text}”不像数字，请核对" if self.text
                        else "OCR 识别：这一格有字迹但没有识别出来，请核对")
        # the reading most readings agree on; on a tie the one as long as the ink is wide, then the last
        # (digits only, twice the size)
        best = max(reversed(found), key=lambda r: (found.count(r), len(r) == self.glyphs))
        if len(set(found)) > 1:
            return Cell(best, f"OCR 识别：几次识别结果不同（{'、'.join(dict.fromkeys(found))}），取 {best}，请核对")
        if len(best) < self.glyphs:
            return Cell(best, f"OCR 识别：读出 {len(best)} 位，字迹却有约 {self.glyphs} 位宽，可能漏了一位，请核对")
        if min(self.conf, self.number_conf) < _SURE:
            return Cell(best, "OCR 识别（把握不大），请核对")
        return Cell(best, UNSURE)


def _read_numbers(readings: dict[int, _Reading]) -> None:
    """The digits-only readings of the cells that may hold a number: every one as cut, the
    doubtful ones again at twice the size (Tesseract drops a digit of a small cut now and then,
    and reads it at another size)."""
    maybe = [r for r in readings.values() if r.maybe_number]
    for r, words in zip(maybe, read_images([r.image for r in maybe], lang="eng", psm=7, chars=DIGITS)):
        r.add(words)
    doubtful = [r for r in maybe if r.doubtful]
    larger = [r.image.resize((2 * r.image.width, 2 * r.image.height), Image.NEAREST) for r in doubtful]
    for r, words in zip(doubtful, read_images(larger, lang="eng", psm=7, chars=DIGITS)):
        r.add(words)


def _glyphs(ink: np.ndarray) -> int:
    """How many digits wide a cut of ink (True, trimmed to its box) is. Table digits are set
    with equal advances (宋体 and Times alike: half an em) and stand about two thirds of an em
    tall, so a digit's advance is about 0.76 of the ink's height; the last digit lacks the gap
    after it. Counting blots instead fails: blurred digits touch (the 4 and the 3 of 43)."""
    height, width = ink.shape
    if height < 4:
        return 1
    return max(1, round((width + 0.2 * height) / (0.76 * height)))


def _joined(words: list[Word]) -> str:
    return chinese_punctuation(clean(" ".join(w.text for w in words)))


def _table(grid: Grid, cells: list[Cell]) -> Table:
    """The grid's cells at every position they cover (a merged cell: the same object)."""
    rows = len(grid.ys) - 1
    cols = len(grid.xs) - 1
    return Table([[cells[grid.at[(r, c)]] for c in range(cols)] for r in range(rows)])


def _cell_image(page: np.ndarray, box: tuple[int, int, int, int], level: int) -> tuple[Image.Image, int] | None:
    """The ink inside a cell (pixels darker than `level`: `ink_level`, measured better for
    Tesseract than a darker level, which breaks thin strokes) black on white with a white
    border, and how many digits wide it is; None for a blank cell. Black on white is what Tesseract reads best: on a small gray cut
    with the scan's noise its own threshold often fails and it reads nothing. The ruling lines
    around the cell are left out: the box is taken in by a little more than a line's width, and
    rows or columns along its edges that are nearly all ink (a line's rest) are dropped."""
    inset = DPI // 40
    left, top, right, bottom = box
    crop = page[top + inset:bottom - inset, left + inset:right - inset]
    if crop.size == 0:
        return None
    band = DPI // 30  # only next to the edges: a digit's stem may be most of a short cell's height
    ink = crop < level
    rows, cols = ink.mean(axis=1) > 0.6, ink.mean(axis=0) > 0.6
    rows[band:-band] = False
    cols[band:-band] = False
    ink[rows, :] = False
    ink[:, cols] = False
    if ink.sum() < DPI // 10:  # less than a third of a printed “1”: a speck, not a figure
        return None
    ys, xs = np.nonzero(ink)
    ink = ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    pad = DPI // 15
    framed = np.full((ink.shape[0] + 2 * pad, ink.shape[1] + 2 * pad), 255, dtype=np.uint8)
    framed[pad:-pad, pad:-pad][ink] = 0
    return Image.fromarray(framed), _glyphs(ink)


def _without_tables(page: np.ndarray, grids: list[Grid]) -> Image.Image:
    """The page black on white (at `ink_level`) with its tables whitened, so the text around
    them is read alone. Measured on the example scan: 99.9 % of the text's characters right
    (difflib ratio) against 99.0 % when Tesseract thresholds the gray page itself, in half the
    time."""
    out = np.where(page < ink_level(page), 0, 255).astype(np.uint8)
    margin = DPI // 50
    for grid in grids:
        left, top, right, bottom = grid.box
        out[max(0, top - margin):bottom + margin, max(0, left - margin):right + margin] = 255
    return Image.fromarray(out)
