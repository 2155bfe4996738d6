"""Is the file what its extension says, and did reading it give anything? Two guards around the
readers (`reading.read_document`), so a download that went wrong is refused with the reason and the
fix instead of being read as something else:

- `check_content(path)`: an empty file; a .pdf, .docx or .html whose first bytes say it is another
  kind (a .pdf that is the site's HTML error page, a .docx that is really a .pdf or an old .doc,
  a .html that is a Word file); a .doc or .wps that is none of what Word and WPS save under those
  names (a Word 97–2003 or WPS document, a .docx, RTF, a web page or Word's XML), which LibreOffice
  would otherwise open as plain text and import as a report of nothing.
- `check_read(blocks)`: a reading with no text at all (an empty document), which would otherwise
  be imported as an empty report and pass `check`."""

from __future__ import annotations

from pathlib import Path

from ..load.entries import not_regular, open_reason
from .document import Block, Para, Table
from .read_docx import ReadError

# (first bytes, the kind in words, the extension it should have)
_KINDS = ((b"%PDF-", "PDF 文件", ".pdf"), (b"PK\x03\x04", "Word 文档（.docx）或其他压缩包", ".docx"),
          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97–2003 文档（.doc）或 WPS 文档（.wps）", ".doc"))
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<div", b"<p", b"<table")
_JUDGED = {".pdf": ".pdf", ".docx": ".docx", ".html": ".html", ".htm": ".html"}


def _kind(head: bytes) -> tuple[str, str] | None:
    """(kind in words, extension) the first bytes show, or None when they show none we know."""
    for magic, words, suffix in _KINDS:
        if head.startswith(magic):
            return words, suffix
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(_HTML_STARTS):
        return "HTML 网页", ".html"
    return None


def check_content(path: Path) -> None:
    """Raise ReadError (Chinese: what is wrong and what to do) for an empty file, or a .pdf, .docx,
    .html/.htm whose content is plainly another kind. Files of other types pass."""
    odd = not_regular(path)
    if odd:
        raise ReadError(f"这个文件{odd}。")
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise ReadError(f"无法打开这个文件：{open_reason(exc)}。") from exc
    if not head:
        raise ReadError("文件是空的（0 字节），可能没有下载完整：请重新下载，或向发布单位要原文件。")
    suffix = path.suffix.lower()
    found = _kind(head)
    if suffix in (".doc", ".wps") and found is None and not head.lstrip().lower().startswith(b"{\\rtf"):
        raise ReadError(f"文件的扩展名是 {suffix}，但内容不是 Word 或 WPS 文档（可能已损坏，或没有下载完整）："
                        "请重新下载，或向发布单位要原文件；能用 WPS 或 Word 打开的，请另存为 .docx 后再导入。")
    if suffix in (".doc", ".wps"):
        if found is None or found[1] != ".pdf":  # Word and WPS save .docx, web pages and RTF under .doc too
            return
    elif suffix not in _JUDGED or found is None or found[1] == _JUDGED[suffix]:
        return
    words, right = found
    hint = "（下载时可能得到的是网站的错误页面或登录页面：请在浏览器中打开原链接，重新下载）" if right == ".html" else ""
    raise ReadError(f"文件的扩展名是 {suffix}，但内容是{words}{hint}：请把文件的扩展名改为 {right} 后再导入，"
                    "或向发布单位要原文件。")


def check_read(blocks: list[Block]) -> None:
    """Raise ReadError when the blocks read hold no text at all: an empty document is not a report."""
    for block in blocks:
        if isinstance(block, Para) and block.text.strip():
            return
        if isinstance(block, Table) and any(c.text.strip() for row in block.rows for c in row):
            return
    raise ReadError("文件里没有读出任何文字（空白文档，或文字是图片、形状等读不出的形式）："
                    "请用 WPS 或 Word 打开核对；如果有文字，请另存为 .docx 或 PDF 后再导入。")


def content_suffix(path: Path) -> str | None:
    """The extension the file's first bytes show (.pdf, .docx, .doc, .html), or None when they show
    none we know (RTF, plain text) or the file cannot be opened. A .doc that sites serve is often
    Word's "save as web page" or a .docx renamed: read by its content, not by LibreOffice."""
    if not_regular(path):
        return None
    try:
        with open(path, "rb") as f:
            found = _kind(f.read(1024))
    except OSError:
        return None
    return found[1] if found else None
