"""The list of blanks a clerk still has to fill, by part of the report, one short line each.

A blank is a Problem with code "empty" (reportgen.errors.Problem.is_blank): a value `new` left
empty for this year. A file fresh from `new` has some 160 of them; listed as mistakes (three lines
each, with the key path first) they hid the rest. Here they are listed under the part of the report
they fill (reportgen.places.part_of), each with its line and Chinese name; the cells of one table
row left blank together make one line (第76–81行 一、本年新收政府信息公开申请数量：自然人、商业企业、…),
and what to write (整数，没有就填 0) is said once, where all blanks share it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .places import part_of

if TYPE_CHECKING:  # errors.py calls this module: no import back at run time
    from .errors import Problem

_ASKED = re.compile(r"^还没有填写：请填写\s*(.+?)。?$")
_CELL = " · "  # a table cell's label: 行名 · 列名 (reportgen.model.formats.national_2021.CountRow)


def asked(problem: Problem) -> str:
    """What a blank asks for, from its message: 整数（没有就填 0）; the whole message when it says otherwise."""
    m = _ASKED.match(problem.message)
    return m.group(1) if m else problem.message.rstrip("。")


def _lines_text(lines: list[int]) -> str:
    """第76–81行 for consecutive lines, 第77、79行 otherwise, 第76行 for one."""
    if not lines or not lines[0]:
        return ""
    if len(lines) == 1:
        return f"第{lines[0]}行"
    if lines == list(range(lines[0], lines[0] + len(lines))):
        return f"第{lines[0]}–{lines[-1]}行"
    return "第" + "、".join(str(n) for n in lines) + "行"


def _parent(path: str) -> str:
    return re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)


def _row(problem: Problem) -> tuple[str, str, str] | None:
    """(parent path, row name, column name) of a blank table cell; None for any other blank."""
    if _CELL not in problem.label:
        return None
    row, column = problem.label.rsplit(_CELL, 1)
    return _parent(problem.path), row, column


def blank_lines(blanks: list[Problem], intro: str) -> list[str]:
    """The printed list: `intro` (FILE: 还有 N 处待填), then what most blanks ask for (以下各处请填写整数（没有就填 0）：),
    then each part of the report (two spaces in) and its blanks (four spaces in), in file order:
    ``第61行 规章本年制发件数``, one line per table row whose cells are blank
    (``第77、79行 一、本年新收政府信息公开申请数量：商业企业、社会公益组织``; the columns most rows of a part
    leave blank are named once, after the part's title, and not on each row), and what a blank asks
    for after it when it is not what the others ask for. `blanks` are Problems with code "empty"."""
    blanks = sorted(blanks, key=lambda p: p.sort_key())
    common = Counter(asked(p) for p in blanks).most_common(1)[0][0] if blanks else ""
    lines = [f"{intro}。以下各处请填写{common}：" if common else f"{intro}："]
    parts: dict[str, list[list[Problem]]] = {}
    for problem in blanks:
        runs = parts.setdefault(part_of(problem.path) or "其他", [])
        last = runs[-1] if runs else None
        row = _row(problem)
        if (last is not None and row is not None and _row(last[-1]) is not None
                and _row(last[-1])[:2] == row[:2] and asked(last[-1]) == asked(problem)):
            last.append(problem)
        else:
            runs.append([problem])
    for part, runs in parts.items():
        # The columns most rows of this part leave blank are said once, after the part's title.
        rows = Counter(tuple(_row(p)[2] for p in run) for run in runs if _row(run[0]) is not None)  # type: ignore[index]
        shared = next((cols for cols, n in rows.most_common(1) if n > 1 and len(cols) > 1), ())
        lines.append(f"  {part}" + (f"（下列各行的 {'、'.join(shared)} 都待填）" if shared else ""))
        for run in runs:
            first = run[0]
            where = _lines_text([p.location.line for p in run])
            if _row(first) is not None:
                _, row, _ = _row(first)  # type: ignore[misc]
                columns = tuple(_row(p)[2] for p in run)  # type: ignore[index]
                name = row if columns == shared else row + "：" + "、".join(columns)
            else:
                name = first.label or first.path
            wanted = asked(first)
            tail = "" if wanted == common else f"：请填写{wanted}"
            lines.append(f"    {where} {name}{tail}" if where else f"    {name}{tail}")
    return lines
