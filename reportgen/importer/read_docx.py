"""A .docx (Word, WPS, LibreOffice) as blocks: paragraphs and tables in body order, read from the
XML itself so direct formatting (a centred title typed without a style), hand-merged cells
(gridSpan, vMerge) and text in content controls are all seen."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .document import Block, Cell, Para, Table
from .numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Limits (a report's document.xml is well under 1 MB): the parts are read by their stated sizes,
# which zipfile never reads past (a zip bomb is refused before anything is inflated); libxml2
# refuses elements nested over 256 deep (huge_tree off); paragraphs and cells are counted on the
# bytes before the XML is parsed (each costs about 1 KB once parsed and read).
MAX_XML = 20_000_000  # bytes of document.xml, and of styles.xml and numbering.xml each
MAX_ELEMENTS = 200_000  # paragraphs, rows and cells of document.xml
_FIX = "这不像一份年度报告（可能已损坏，或是恶意构造的文件），没有读取。请向发布单位要原文件，或在 WPS 或 Word 里打开它、另存为 .docx 后再导入。"


class ReadError(Exception):
    """The file cannot be read as a report (the message is for the user, in Chinese)."""


def read_docx(path: Path) -> list[Block]:
    """The blocks of a .docx (paragraphs and tables in body order). Raises ReadError (a Chinese
    message) for a file that is not a Word document, has no word/document.xml, or whose
    document.xml is over MAX_XML bytes or damaged."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("word/document.xml")
            names = z.namelist()
            for part in [info] + [z.getinfo(n) for n in ("word/styles.xml", "word/numbering.xml") if n in names]:
                if part.file_size > MAX_XML:
                    raise ReadError(f"Word 文档的 {part.filename} 解压后有 {part.file_size / 1e6:,.1f} MB，"
                                    f"超过上限 {MAX_XML / 1e6:g} MB。{_FIX}")
            body_xml = z.read(info)
            styles_xml = z.read("word/styles.xml") if "word/styles.xml" in names else b""
            numbering_xml = z.read("word/numbering.xml") if "word/numbering.xml" in names else b""
    except zipfile.BadZipFile as exc:  # zipfile's English words are not shown: the user needs the reason and the fix
        raise ReadError("不是有效的 Word 文档（.docx）：文件不完整或已损坏（不是完整的 zip 压缩包）。"
                        "请重新下载；如果它能在 WPS 或 Word 里打开，请另存为 .docx 后再导入。") from exc
    except KeyError as exc:
        raise ReadError("不是有效的 Word 文档（.docx）：压缩包里没有 Word 正文（word/document.xml）。"
                        "请在 WPS 或 Word 里打开它，另存为 .docx 后再导入。") from exc
    except OSError as exc:
        from ..load.entries import open_reason

        raise ReadError(f"无法打开这个文件：{open_reason(exc)}。") from exc
    elements = sum(body_xml.count(tag) for tag in (b"<w:p>", b"<w:p ", b"<w:p/>", b"<w:tr>", b"<w:tr ", b"<w:tc>", b"<w:tc "))
    if elements > MAX_ELEMENTS:
        raise ReadError(f"Word 文档有 {elements:,} 个段落和表格单元格，超过上限 {MAX_ELEMENTS:,} 个。{_FIX}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body_xml, parser)
        styles_root = etree.fromstring(styles_xml, parser) if styles_xml else None
        styles = _style_names(styles_root) if styles_root is not None else {}
        numbering = Numbering(etree.fromstring(numbering_xml, parser) if numbering_xml else None, styles_root)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():
            raise ReadError(f"Word 文档的内容嵌套超过 256 层（上限）。{_FIX}") from exc
        raise ReadError(f"Word 文档内容损坏：{exc}") from exc
    body = root.find(f"{W}body")
    if body is None:
        raise ReadError("Word 文档没有正文。")
    blocks: list[Block] = []
    _walk(body, blocks, styles, numbering)
    return blocks


def _style_names(styles) -> dict[str, str]:  # type: ignore[no-untyped-def]
    names = {}
    for style in styles.iter(f"{W}style"):
        name = style.find(f"{W}name")
        if name is not None:
            names[style.get(f"{W}styleId")] = name.get(f"{W}val", "")
    return names


def _walk(parent, blocks: list[Block], styles: dict[str, str], numbering: Numbering) -> None:  # type: ignore[no-untyped-def]
    for child in parent:
        if child.tag == f"{W}p":
            para = _para(child, styles)
            para.text = numbering.prefix(child) + para.text
            blocks.append(para)
        elif child.tag == f"{W}tbl":
            blocks.append(_table(child))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                _walk(content, blocks, styles, numbering)


def paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    """The text of a w:p as Word shows it: runs, tabs, breaks; deleted revisions left out."""
    out: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}delText", f"{W}sym"):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}tab":
            out.append("\t")
        elif el.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
    return "".join(out)


def _para(p, styles: dict[str, str]) -> Para:  # type: ignore[no-untyped-def]
    ppr = p.find(f"{W}pPr")
    align, style = "", ""
    if ppr is not None:
        jc = ppr.find(f"{W}jc")
        if jc is not None and jc.get(f"{W}val") in ("center", "right", "end"):
            align = "center" if jc.get(f"{W}val") == "center" else "right"
        ps = ppr.find(f"{W}pStyle")
        if ps is not None:
            style = styles.get(ps.get(f"{W}val"), ps.get(f"{W}val", ""))
    runs = [r for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None]
    bold = bool(runs) and all(_bold(r) for r in runs)
    return Para(paragraph_text(p), align, style, bold)


def _bold(run) -> bool:  # type: ignore[no-untyped-def]
    b = run.find(f"{W}rPr/{W}b")
    return b is not None and b.get(f"{W}val", "true") not in ("0", "false")


def _table(tbl) -> Table:  # type: ignore[no-untyped-def]
    """The grid of a w:tbl: gridBefore/gridAfter and gridSpan widen, vMerge continues the cell above."""
    rows: list[list[Cell | None]] = []
    for tr in tbl.iter(f"{W}tr"):
        if tr.getparent() is not tbl:  # a row of a table nested in a cell
            continue
        row: list[Cell | None] = []
        trpr = tr.find(f"{W}trPr")
        before = trpr.find(f"{W}gridBefore") if trpr is not None else None
        if before is not None:
            row += [None] * int(before.get(f"{W}val", "0") or 0)
        for tc in tr.findall(f"{W}tc"):
            tcpr = tc.find(f"{W}tcPr")
            span, merge = 1, None
            if tcpr is not None:
                gs = tcpr.find(f"{W}gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(f"{W}val", "1") or 1))
                vm = tcpr.find(f"{W}vMerge")
                if vm is not None:
                    merge = vm.get(f"{W}val", "continue")
            col = len(row)
            above = rows[-1][col] if rows and col < len(rows[-1]) else None
            if merge == "continue" and above is not None:
                cell = above
            else:
                text = "".join(paragraph_text(p) for p in tc.findall(f"{W}p"))
                cell = Cell(text)
            row += [cell] * span
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    blank = Cell("")
    return Table([[c if c is not None else blank for c in r] + [blank] * (width - len(r)) for r in rows])
