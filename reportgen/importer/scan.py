"""Whether a PDF's text can be read at all: a scan (pages that are pictures), a text layer that
is garbage, or a report with some pages as pictures — decided cheaply with PDFium (a few
milliseconds a page: character counts and page objects, nothing rendered).

A scan is refused by import (`ScannedPdf`, a `ReadError` with what to do) unless OCR is asked for
(`read_pdf_or_scan(path, ocr=True)`, see `ocr`), and reported by `check` as SCAN: a finding
about the publication (assessors of 政府透明度 mark a report that is only an image: it cannot be
searched or copied; statutory-format.md §5 "obtainable (a text file or page, not an image-only
scan)"), not about the figures.

Thresholds, and why:
- a page is a picture when images cover at least `PICTURE_COVER` of it and it has fewer than
  `MIN_PAGE_TEXT` readable characters (a page number, a website's date stamp), or when all its
  text is invisible (a scanner's own OCR layer under the picture). The shortest real text page
  seen (a signature page: agency and date) has 15 characters but no page-sized image; a page of
  this report's body text has 300 to 850.
- a text layer is garbage when more than `MAX_BAD` of its characters have no Unicode meaning
  (fonts without a ToUnicode map, private-use codes, U+FFFD), or when fewer than `MIN_CJK` of the
  readable ones are Chinese: the least Chinese page of the project's PDFs (tables 三 and 四, all
  digits) is still 46 % Chinese, a whole report 55–65 %; a mis-decoded layer is Latin junk, 0 %."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .document import Block
from .read_docx import ReadError

if TYPE_CHECKING:
    from .imported import Imported

PICTURE_COVER = 0.6  # share of the page's area covered by images
MIN_PAGE_TEXT = 20  # readable characters a page needs to count as text
MAX_BAD = 0.3  # share of characters without a Unicode meaning above which the layer is garbage
MIN_CJK = 0.1  # share of Chinese characters below which a Chinese report's text layer is garbage
_MIN_GARBLED = 50  # characters a layer needs before its share of Chinese says anything


@dataclass
class PdfText:
    """What a PDF's text layer holds. Pages are numbered from 1."""

    pages: int = 0
    picture_pages: list[int] = field(default_factory=list)  # images without (visible) text
    hidden_text_pages: list[int] = field(default_factory=list)  # of those, with a scanner's invisible OCR text
    chars: int = 0  # characters other than spaces
    bad: int = 0  # of those, without a Unicode meaning
    cjk: int = 0  # Chinese characters

    @property
    def kind(self) -> str:
        """"scan" (no page of text, pages that are pictures), "garbled" (a text layer that is not
        the text), "partial" (some pages of text, some pictures) or "text"."""
        good = self.chars - self.bad
        if self.picture_pages and len(self.picture_pages) == self.pages:
            return "scan"  # whatever text hides under the pictures
        if self.chars >= _MIN_GARBLED and (self.bad > MAX_BAD * self.chars or good and self.cjk < MIN_CJK * good):
            return "garbled"
        if self.picture_pages:
            return "partial"
        return "text"

    @property
    def unreadable(self) -> bool:
        """Whether the text layer cannot give the report at all (a scan, or garbage)."""
        return self.kind in ("scan", "garbled")


def _bad_char(ch: str) -> bool:
    code = ord(ch)
    return ch == "\ufffd" or 0xE000 <= code <= 0xF8FF or code < 0x20 and ch not in "\t\r\n"


def inspect(path: Path) -> PdfText | None:
    """What the PDF's text layer holds, or None when PDFium cannot open the file (damaged, or
    locked with a password: the PDF reader says which). Most of the time (about 8 ms a page of
    text) is PDFium loading the page; the text is taken in one call and the per-character
    questions (a Unicode map error, invisible text) are asked of a sample of at most `_SAMPLE`
    characters a page. The answer is kept for the file as it is (check asks, then import)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _inspect(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _inspect(path: str, _mtime: int, _size: int) -> PdfText | None:
    from .pdf_bounds import Budget
    from .pdf_open import open_pdf

    try:  # a file over pdf_bounds' limits too: the reader says why
        pdf = open_pdf(Path(path))
    except ReadError:
        return None
    info = PdfText(pages=len(pdf))
    budget = Budget()
    try:
        for number, page in enumerate(pdf, start=1):
            if not _page(info, number, page, budget):
                return None
    finally:
        pdf.close()
    return info


_SAMPLE = 100


def _page(info: PdfText, number: int, page, budget) -> bool:  # type: ignore[no-untyped-def]
    """Add page `number` to `info`; False when the page is over the limits of `budget`."""
    import pypdfium2.raw as raw

    text = page.get_textpage()
    count = text.count_chars()
    try:
        budget.page(number - 1, count)
    except ReadError:
        return False
    chars = [ch for ch in text.get_text_range() if not ch.isspace()]
    sample = range(0, count, max(1, count // _SAMPLE))
    unmapped = sum(1 for i in sample if raw.FPDFText_HasUnicodeMapError(text, i))
    bad = sum(1 for ch in chars if _bad_char(ch))
    bad = max(bad, round(unmapped * len(chars) / max(1, len(sample))))
    info.chars += len(chars)
    info.bad += bad
    info.cjk += sum(1 for ch in chars if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
    invisible = [raw.FPDFTextObj_GetTextRenderMode(raw.FPDFText_GetTextObject(text, i)) == raw.FPDF_TEXTRENDERMODE_INVISIBLE
                 for i in sample[:20]]
    hidden = bool(invisible) and all(invisible)
    if len(chars) - bad >= MIN_PAGE_TEXT and not hidden:
        return True  # a page of text, whatever pictures it also holds
    width, height = page.get_size()
    cover = 0.0
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        cover += max(0.0, min(right, width) - max(left, 0)) * max(0.0, min(top, height) - max(bottom, 0))
    if width * height and cover >= PICTURE_COVER * width * height:
        info.picture_pages.append(number)
        if hidden:
            info.hidden_text_pages.append(number)
    return True


def _pages(numbers: list[int]) -> str:
    return "、".join(f"第 {n} 页" for n in numbers)


def _what(info: PdfText) -> str:
    """What the file is, in a clause: 5 页都是图片（扫描件） …"""
    if info.kind == "garbled":
        good = info.chars - info.bad
        return (f"这份 PDF 的文字层是乱码：复制出来的不是报告的文字（{info.chars} 个字符中 {info.bad} 个无法对应到文字，"
                f"能对应的 {good} 个中只有 {info.cjk} 个是汉字）")
    pages = "全部 1 页是图片" if info.pages == 1 else f"全部 {info.pages} 页都是图片"
    if info.hidden_text_pages:
        pages += "（扫描软件附带的隐藏识别文字未经核对，不能当作原文）"
    return f"这份 PDF 是扫描件：{pages}（扫描或拍照的页面），没有可以复制的文字"


class ScannedPdf(ReadError):
    """A PDF whose text cannot be read (a scan, or a garbage text layer): the message says what
    the user can do. `info` is what `inspect` found."""

    def __init__(self, path: Path, info: PdfText):
        self.info = info
        super().__init__(
            f"{_what(info)}，其中的数字无法可靠地读出，所以没有导入，也没有写入任何文件。"
            "请向报告的起草单位要原始的 Word 或 WPS 文件，或者在 Word/WPS 里“另存为”或“导出为 PDF”得到带文字的 PDF"
            "（不要扫描，也不要“打印为图片”），再导入；"
            f"如果电脑上装了 OCR（Tesseract 和它的简体中文数据），也可以运行 reportgen import --ocr {path.name}"
            "，用文字识别读取，然后对照原件逐一核对识别出的每个数字。")


def check_finding(info: PdfText, path: Path, ocr: bool) -> str:
    """The SCAN finding of `reportgen check`, worded for a reviewer: a finding about how the
    report was published, and what was (not) checked of its figures."""
    if info.kind == "partial":
        return (f"报告的{_pages(info.picture_pages)}是图片（扫描件），没有文字层：这几页的内容无法检索、复制，"
                "政府透明度评估会把只有图片的内容记为问题；这几页上的文字和数字没有读取，也没有检查，请对照原件核对。")
    first = ("报告的文字层是乱码，复制出来的不是报告的文字" if info.kind == "garbled"
             else "报告以扫描件（图片）发布，没有文字层")
    head = (f"{first}：读者无法检索、复制其中的文字，政府透明度评估会把只能以图片获取的年报记为问题"
            "（年报应当以可复制的文字发布，例如 Word、WPS 导出的 PDF 或网页）。")
    if ocr:
        return head + "下面的检查是按 OCR 文字识别的结果做的：每个数字都可能识别错，请对照原件逐一核对。"
    return head + (f"报告中的数字没有检查；要检查，请要原始的 Word/WPS 文件，或在装有 OCR（Tesseract）的电脑上运行 "
                   f"reportgen check --ocr {path.name}。")


def rollup_label(info: PdfText, ocr: bool) -> str:
    """How the roll-up of a folder check and the summary line name a scan, before the outcome
    (扫描件，数字未检查：有警告): a scan never "passes" without being named."""
    if info.kind == "partial":
        return f"{_pages(info.picture_pages)}是图片，未检查"
    what = "文字层是乱码" if info.kind == "garbled" else "扫描件"
    return f"{what}，数字按 OCR 识别结果检查（须逐一核对）" if ocr else f"{what}，数字未检查"


def mark_import(imported: Imported, ocr: bool) -> None:
    """What `reportgen import` says about a PDF it did read, as warnings (and, when OCR read it,
    a note at the head of the facts file; `check` says these in its SCAN finding): pages that are
    pictures and were not read, OCR used, or OCR asked for and not needed (the text layer was read: a recognised number never
    replaces a read one)."""
    info = inspect(imported.source)
    if info is None:
        return
    if info.unreadable and ocr:
        imported.warn(
            "这份 PDF 是扫描件（或文字层是乱码），全部内容是用 OCR 文字识别读出的：每个数字、每段文字都可能识别错，"
            "请对照原件逐一核对事实文件中的每个数字，不只是标出的地方。", None)
        imported.note("", "本文件由扫描件经 OCR 文字识别生成：每个数字都要与原件逐一核对")
    elif info.kind == "partial":
        imported.warn(f"{_pages(info.picture_pages)}是图片（扫描件），这几页上的文字和表格没有导入，"
                      "请对照原件补上。", None)
    elif ocr:
        imported.warn("这份 PDF 有文字层，已按文字读取，没有用 OCR（--ocr 只用于扫描件）。", None)


def read_pdf_or_scan(path: Path, *, ocr: bool = False) -> list[Block]:
    """The blocks of a PDF: its text layer when it has one (OCR is never used then, so a number
    read from the text is never replaced by a recognised one); a scan or a garbage layer is
    `ScannedPdf`, or read by OCR when `ocr` (see `ocr.read_scan`; OcrError when Tesseract is
    missing)."""
    info = inspect(path)
    if info is not None and info.unreadable:
        if not ocr:
            raise ScannedPdf(path, info)
        from .ocr import read_scan

        return read_scan(path)
    from .read_pdf import read_pdf

    return read_pdf(path)
