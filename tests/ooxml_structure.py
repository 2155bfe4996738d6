"""What Microsoft's schema validator does not check, checked here on a .docx package:

- every table row covers exactly the table's grid: gridBefore + the gridSpan of each cell + gridAfter
  equals the number of w:gridCol in w:tblGrid (Word re-lays a table that does not, LibreOffice
  shifts cells);
- a vertically merged cell that continues a merge (w:vMerge without val="restart") sits below a
  cell of the same grid column and span that starts or continues one;
- complex fields are balanced: every w:fldChar begin has one end, a separate only between them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    return default if el is None else el.get(_w("val"), default)


def _int(el: etree._Element | None, default: int) -> int:
    value = _val(el)
    return default if value is None else int(value)


def _own(element: etree._Element, path: str) -> etree._Element | None:
    return element.find(path, {"w": W})


def table_problems(tbl: etree._Element, where: str) -> list[str]:
    problems = []
    grid = len(tbl.findall(f"{_w('tblGrid')}/{_w('gridCol')}"))
    above: dict[int, tuple[int, str | None]] = {}  # start column → (span, vMerge) of the row above
    for r, tr in enumerate(tbl.findall(_w("tr")), start=1):
        column = _int(_own(tr, "w:trPr/w:gridBefore"), 0)
        row: dict[int, tuple[int, str | None]] = {}
        for c, tc in enumerate(tr.findall(_w("tc")), start=1):
            span = _int(_own(tc, "w:tcPr/w:gridSpan"), 1)
            merge_el = _own(tc, "w:tcPr/w:vMerge")
            merge = None if merge_el is None else _val(merge_el, "continue")
            if merge == "continue":
                start = above.get(column)
                if start is None or start[1] not in ("restart", "continue") or start[0] != span:
                    problems.append(f"{where} 第 {r} 行第 {c} 格：vMerge continue 的上方没有同列同宽的合并起点")
            row[column] = (span, merge)
            column += span
        column += _int(_own(tr, "w:trPr/w:gridAfter"), 0)
        if column != grid:
            problems.append(f"{where} 第 {r} 行：各格 gridSpan 之和为 {column}，而 tblGrid 有 {grid} 列")
        above = row
    return problems


def field_problems(root: etree._Element, where: str) -> list[str]:
    problems, depth, separated = [], 0, []
    for fld in root.iter(_w("fldChar")):
        kind = fld.get(_w("fldCharType"))
        if kind == "begin":
            depth += 1
            separated.append(False)
        elif kind == "separate":
            if depth == 0 or separated[-1]:
                problems.append(f"{where}：fldChar separate 不在 begin 与 end 之间")
            else:
                separated[-1] = True
        elif kind == "end":
            if depth == 0:
                problems.append(f"{where}：fldChar end 没有对应的 begin")
            else:
                depth -= 1
                separated.pop()
    if depth:
        problems.append(f"{where}：{depth} 个 fldChar begin 没有 end")
    return problems


def structure_problems(path: Path) -> list[str]:
    """Every problem of the kinds above in the body, headers, footers and notes of `path`."""
    problems = []
    with zipfile.ZipFile(path) as package:
        for name in sorted(n for n in package.namelist() if _PARTS.fullmatch(n)):
            root = etree.fromstring(package.read(name))
            for t, tbl in enumerate(root.iter(_w("tbl")), start=1):
                problems += table_problems(tbl, f"{name} 表 {t}")
            problems += field_problems(root, name)
    return problems
