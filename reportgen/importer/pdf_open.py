"""A PDF opened by PDFium (`open_pdf`), after its bytes passed the limits of pdf_bounds: a file that
needs a password, a damaged file and a file over a limit are each a ReadError saying so in Chinese
(有密码 and what to do; 已损坏; the limit), never PDFium's English words. Every reader of a PDF
(pdf_page, scan, ocr) opens it here."""

from __future__ import annotations

from pathlib import Path

from .pdf_bounds import Budget, check_pdf_bytes
from .read_docx import ReadError

PASSWORD = ("这个 PDF 有密码：要输入密码才能打开，reportgen 无法读取。请向发布单位要一份没有密码的文件；"
            "或者在 WPS 或 Word 里输入密码打开它，再“另存为”（输出为）PDF，保存时不设密码和权限保护，然后导入新保存的文件。")
DAMAGED = ("这个 PDF 已损坏或不是 PDF 文件（{why}），无法读取。请重新下载，或向发布单位要原文件；"
           "如果它能在 WPS 或 Word 里打开，请另存为 PDF 后再导入。")


def open_pdf(path: Path):  # type: ignore[no-untyped-def]
    """The PDF opened by PDFium (a `pypdfium2.PdfDocument`). A file that needs a password to open
    raises ReadError saying so (有密码) and what to do; an owner password alone (printing or
    copying restricted) opens, since reading is allowed. A damaged file, or one over the limits of
    pdf_bounds (inflated size, objects, pages), raises ReadError."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        data = path.read_bytes()  # bytes, not the path: PDFium's own file opening mishandles non-ASCII paths on Windows
    except OSError as exc:
        from ..load.entries import open_reason

        raise ReadError(f"无法打开这个文件：{open_reason(exc)}。") from exc
    check_pdf_bytes(data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise ReadError(PASSWORD) from exc
        why = {raw.FPDF_ERR_FORMAT: "文件结构损坏", raw.FPDF_ERR_FILE: "文件读不出来",
               raw.FPDF_ERR_SUCCESS: "没有页面"}.get(exc.err_code or 0, "PDFium 无法解析")
        raise ReadError(DAMAGED.format(why=why)) from exc
    try:
        Budget.pages(len(pdf))
    except ReadError:
        pdf.close()
        raise
    return pdf
