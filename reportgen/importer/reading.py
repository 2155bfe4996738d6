"""Which reader reads a published report: `read_document(path)` picks it by the file's type
(.docx → read_docx; .html/.htm → read_html; .pdf → scan.read_pdf_or_scan, the text layer by
read_pdf or a scan by OCR; .doc/.wps converted to .docx by LibreOffice first) and returns the
report as `document.Block`s. Nothing here recognises anything: that is `recognize`'s."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..load.entries import not_regular
from .document import Block
from .read_docx import ReadError
from .sniff import check_content, check_read, content_suffix

#: the file types `reportgen import` and `reportgen check` read as published reports
READABLE = (".docx", ".doc", ".wps", ".html", ".htm", ".pdf")
#: the ones LibreOffice converts to .docx before they are read
CONVERTED = (".doc", ".wps")


def read_document(path: Path, *, ocr: bool = False) -> list[Block]:
    """The blocks of a .docx, .html/.htm, .pdf, or .doc/.wps (converted to .docx by LibreOffice
    first, see reportgen.publish.libreoffice.convert_files). Raises ReadError with a Chinese
    message; a scanned PDF is scan.ScannedPdf, or read by OCR when `ocr` (see
    scan.read_pdf_or_scan). An empty file, a file whose content is another kind than its
    extension says, and a reading without any text raise ReadError too (`sniff`)."""
    path = Path(path)
    if path.is_dir():
        raise ReadError("这是一个文件夹，不是文件：请给出报告文件；检查整个文件夹请用 reportgen check 文件夹。")
    odd = not_regular(path)  # a named pipe is never opened: reading it would wait forever
    if odd:
        raise ReadError(f"这个文件{odd}。")
    if not path.is_file():
        raise ReadError("找不到这个文件。")
    check_content(path)
    blocks = _read(path, ocr)
    check_read(blocks)
    return blocks


def _read(path: Path, ocr: bool) -> list[Block]:
    suffix = path.suffix.lower()
    if suffix in CONVERTED and (kind := content_suffix(path)) in _READ_DIRECTLY:
        suffix = kind  # Word's "save as web page", or a .docx, named .doc: read as what it is
    if suffix == ".docx":
        from .read_docx import read_docx

        return read_docx(path)
    if suffix in (".html", ".htm"):
        from .read_html import read_html

        return read_html(path)
    if suffix == ".pdf":
        from .scan import read_pdf_or_scan

        return read_pdf_or_scan(path, ocr=ocr)
    if suffix in CONVERTED:
        from ..publish.libreoffice import PdfError, convert_files
        from .read_docx import read_docx

        with tempfile.TemporaryDirectory(prefix="reportgen-import-") as tmp:
            try:
                out = convert_files([path], Path(tmp), "docx:MS Word 2007 XML", timeout=120)[0]
            except PdfError as exc:
                raise ReadError(f"用 LibreOffice 把 {suffix} 转换为 .docx 失败：{exc}") from exc
            return read_docx(out)
    raise ReadError(f"不认识的文件类型 {suffix or '（无扩展名）'}：可以导入 .docx、.doc、.wps、.html、.pdf。")


def needs_conversion(path: Path) -> bool:
    """Whether reading `path` goes through LibreOffice: a .doc or .wps that is a Word 97–2003 or WPS
    document or RTF, not a web page or a .docx under that name (those are read directly)."""
    return path.suffix.lower() in CONVERTED and not not_regular(path) and content_suffix(path) not in _READ_DIRECTLY


_READ_DIRECTLY = (".html", ".docx")  # what sites serve under .doc besides Word 97–2003 documents
