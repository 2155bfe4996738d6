"""A report published as a web page as blocks. The page may be the project's own (`--html`) or a
government CMS page: navigation, breadcrumbs, 发布日期/来源 lines and a footer around the report,
layout tables, tables with rowspan/colspan. The report is the part of the page holding most of
the paragraphs (and the statutory tables); its title may sit in a heading just before it."""

from __future__ import annotations

import codecs
import re
import time
from pathlib import Path

from .document import Block, Cell, Para, Table, clean
from .read_docx import ReadError

# Limits (a real report's page: under 1 MB, 5,000 elements nested 30 deep, tables of 300 cells);
# finding the report's part of the page costs elements × depth, so both are bounded, and the time.
MAX_HTML = 20_000_000  # bytes
MAX_ELEMENTS = 200_000
MAX_DEPTH = 100  # libxml2 itself stops at 256 and drops the rest of the page
MAX_NESTING = 2_000_000  # the elements' depths added up (a real page: under 200,000)
MAX_TABLE_CELLS = 100_000  # positions of one table, rowspan and colspan counted
MAX_SECONDS = 60.0
_FIX = "这不像一份年度报告的网页（可能已损坏，或是恶意构造的文件），没有读取。请在浏览器中打开原链接重新保存，或向发布单位要 Word 或 PDF 文件。"

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "form", "select", "button", "iframe",
         "object", "svg", "template", "head", "title", "aside", "input", "textarea", "map", "img"}
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "blockquote", "center", "pre", "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead",
          "tfoot", "caption", "hr", "body", "figure", "figcaption", "address"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_REPORT_TITLE = re.compile(r"政府信息公开.{0,6}年度?报告|年度报告")


def read_html(path: Path) -> list[Block]:
    """The blocks of the report in a web page: the part of the page that holds most paragraphs (and
    the statutory tables), with its title if it stands in a heading just before it. Raises ReadError
    for a page over one of the limits (MAX_HTML bytes, MAX_ELEMENTS, MAX_DEPTH, MAX_TABLE_CELLS,
    MAX_SECONDS: the message names it) or one lxml cannot parse."""
    import lxml.html

    data = path.read_bytes()
    if len(data) > MAX_HTML:
        raise ReadError(f"网页文件有 {len(data) / 1e6:.1f} MB，超过上限 {MAX_HTML / 1e6:g} MB。{_FIX}")
    try:
        doc = lxml.html.document_fromstring(_decode(data))
    except Exception as exc:  # lxml raises ParserError or ValueError on an empty or broken page
        raise ReadError(f"无法读取网页：{exc}") from exc
    _check_shape(doc)
    global _DEADLINE
    _DEADLINE = time.monotonic() + MAX_SECONDS
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    root = _report_root(doc)
    blocks: list[Block] = []
    title = _outside_title(doc, root)
    if title:
        blocks.append(Para(title, "center", "Title"))
    _walk(root, blocks)
    return blocks


def _check_shape(doc) -> None:  # type: ignore[no-untyped-def]
    """Raise ReadError when the page has over MAX_ELEMENTS elements, nests them over MAX_DEPTH deep,
    or their depths add up to over MAX_NESTING."""
    from lxml import etree

    count = depth = deepest = nesting = 0
    for event, _ in etree.iterwalk(doc, events=("start", "end")):
        if event == "start":
            count += 1
            depth += 1
            nesting += depth
            deepest = max(deepest, depth)
        else:
            depth -= 1
    if deepest > MAX_DEPTH:
        raise ReadError(f"网页的元素嵌套了 {deepest} 层，超过上限 {MAX_DEPTH} 层。{_FIX}")
    if count > MAX_ELEMENTS:
        raise ReadError(f"网页有 {count:,} 个元素，超过上限 {MAX_ELEMENTS:,} 个。{_FIX}")
    if nesting > MAX_NESTING:
        raise ReadError(f"网页的元素层层嵌套（每个元素所在的层数加起来有 {nesting:,}，超过上限 {MAX_NESTING:,}）。{_FIX}")


_DEADLINE = float("inf")


def _in_time() -> None:
    if time.monotonic() > _DEADLINE:
        raise ReadError(f"读取网页超过了 {MAX_SECONDS:g} 秒（上限），没有读完。{_FIX}")


def _decode(data: bytes) -> str:
    """The encoding a byte-order mark says (a page saved by Notepad or IE as "Unicode" is UTF-16),
    else UTF-8, or the charset the page declares (many CMS pages are GBK), or GB18030."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, "replace")
    head = data[:2048].decode("ascii", "replace")
    m = re.search(r"charset\s*=\s*[\"']?([\w-]+)", head, re.I)
    declared = (m.group(1).lower() if m else "utf-8").replace("gb2312", "gb18030").replace("gbk", "gb18030")
    for encoding in (declared, "utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def _text_len(el) -> int:  # type: ignore[no-untyped-def]
    return len(clean(el.text_content()))


def _report_root(doc):  # type: ignore[no-untyped-def]
    """The element holding the report: the parent of most paragraph text (sentences ending in 。),
    widened until it also holds every statutory table."""
    scores: dict = {}
    for n, el in enumerate(doc.iter("p", "div", "td", "li", "span", "font")):
        if not n % 1000:
            _in_time()
        own = "".join(el.xpath("text()"))
        if "。" in own or "。" in (el.text_content() if el.tag == "p" else ""):
            parent = el.getparent() if el.tag in ("p", "span", "font") else el
            if parent is not None:
                scores[parent] = scores.get(parent, 0) + len(clean(el.text_content() if el.tag == "p" else own))
    body = doc.find("body")
    if not scores:
        return body if body is not None else doc
    root = max(scores, key=lambda el: scores[el])
    tables = [t for t in doc.iter("table") if not t.xpath(".//table") and _is_statutory(t)]
    while root.getparent() is not None and any(not _contains(root, t) for t in tables):
        root = root.getparent()
    return root


def _contains(root, el) -> bool:  # type: ignore[no-untyped-def]
    while el is not None:
        if el is root:
            return True
        el = el.getparent()
    return False


def _is_statutory(table) -> bool:  # type: ignore[no-untyped-def]
    text = clean(table.text_content())
    return any(word in text for word in ("信息内容", "申请人情况", "结果维持", "本年新收"))


def _outside_title(doc, root) -> str:  # type: ignore[no-untyped-def]
    """The report's title when the page prints it outside the report's element (in the page
    heading), or only in <title>; "" when the report's element holds it itself."""
    for el in list(root.iter(*_HEADINGS, "p", "div", "td", "span", "strong"))[:12]:
        text = clean(el.text_content())
        if 8 <= len(text) <= 80 and _REPORT_TITLE.search(text) and "。" not in text:
            return ""  # a title line of its own inside the report (not a sentence that names the report)
    for el in doc.iter(*_HEADINGS, "div", "p", "td", "span", "strong"):
        if _contains(root, el) or _contains(el, root):
            continue
        text = clean(el.text_content())
        if 8 <= len(text) <= 80 and _REPORT_TITLE.search(text) and "。" not in text:
            return text
    title = doc.find(".//title")
    if title is not None:
        text = re.split(r"[_|｜]| - ", clean(title.text_content()))[0]
        if _REPORT_TITLE.search(text):
            return text
    return ""


def _align(el) -> str:  # type: ignore[no-untyped-def]
    style = (el.get("style") or "").replace(" ", "").lower()
    align = (el.get("align") or "").lower()
    cls = (el.get("class") or "").lower()
    if "text-align:center" in style or align == "center" or el.tag in ("center", "h1"):
        return "center"
    if "text-align:right" in style or align == "right" or cls in ("signature", "date"):
        return "right"
    return ""


def _has_block(el) -> bool:  # type: ignore[no-untyped-def]
    return any(isinstance(d.tag, str) and d.tag.lower() in _BLOCK | {"br"} for d in el.iterdescendants())


def _walk(el, out: list[Block]) -> None:  # type: ignore[no-untyped-def]
    _in_time()
    buf: list[str] = []
    align = _align(el)
    style = "Title" if el.tag == "h1" else ""
    # a heading set in bold: <h2>, or a paragraph whose only content is <strong>/<b> (<p><strong>一、总体情况</strong></p>)
    only = [c for c in el if isinstance(c.tag, str)]
    bold = el.tag in _HEADINGS or (len(only) == 1 and only[0].tag in ("strong", "b") and not (el.text or "").strip()
                                   and not (only[0].tail or "").strip())

    def flush() -> None:
        text = "".join(buf)
        buf.clear()
        if clean(text):
            out.append(Para(text, align, style, bold))

    if el.text:
        buf.append(el.text)
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if not tag:  # a comment or processing instruction
            pass
        elif tag in _SKIP:
            pass
        elif tag == "br":
            flush()
        elif tag == "table" and not child.xpath(".//table"):
            flush()
            out.append(_table(child))
        elif tag in _BLOCK or _has_block(child):
            flush()
            _walk(child, out)
        else:
            buf.append(child.text_content())
        if child.tail:
            buf.append(child.tail)
    flush()


def _table(table) -> Table:  # type: ignore[no-untyped-def]
    """The grid of an HTML table: rowspan and colspan put one cell at every position it covers."""
    grid: dict[tuple[int, int], Cell] = {}
    rows = [tr for tr in table.iter("tr") if _nearest_table(tr) is table]
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            cell = Cell(" ".join(t for t in td.itertext()))
            if len(grid) > MAX_TABLE_CELLS:
                raise ReadError(f"网页的一个表格有超过 {MAX_TABLE_CELLS:,} 个单元格位置（合并单元格计入），超过上限。{_FIX}")
            for dr in range(_span(td.get("rowspan"))):
                for dc in range(_span(td.get("colspan"))):
                    grid.setdefault((r + dr, c + dc), cell)
            c += _span(td.get("colspan"))
    height = len(rows)
    width = max((c + 1 for (_, c) in grid), default=0)
    blank = Cell("")
    return Table([[grid.get((r, c), blank) for c in range(width)] for r in range(height)])


def _nearest_table(el):  # type: ignore[no-untyped-def]
    el = el.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1
