"""The 审阅 sheet: the folder review of 审阅.html (batch.review_model.Review) as a sheet of a workbook
written beside `check FOLDER`'s roll-up CSV, in constant memory (openpyxl's write-only mode, through
publish.spreadsheet): the same sections one under another — the top risks, the agencies ranked by
findings (one row per finding, with its place and kind), the key figures' quartiles, each agency's
key figures (numbers typed as numbers; 空白, 不适用, 未读出 as text, never 0), the jumps against last year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..publish.spreadsheet import save_workbook, styles, text_cell
from .review_model import RISK_GROUPS, Review

SHEET = "审阅"
WIDTHS = (28, 30, 22, 36, 80, 12, 12, 12, 12, 12, 12, 12, 12, 12)


def _row(ws: Any, values: list[Any], style: dict[str, Any] | None = None) -> None:
    out: list[Any] = []
    for v in values:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out.append(v)
        else:
            out.append(text_cell(ws, "" if v is None else str(v), **(style or {})))
    ws.append(out)


def write_review_sheet(review: Review, path: Path) -> Path:
    """Write the workbook at `path` (atomically) with the sheet 审阅. Numbers are numbers; a text
    cell is never a formula (publish.spreadsheet.text_cell)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    st = styles()
    ws = wb.create_sheet(SHEET)
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    head = {"font": st["bold"], "fill": st["head"]}
    bold = {"font": st["bold"]}
    _row(ws, [review.title], bold)
    _row(ws, [f"文件夹：{review.folder}"])
    _row(ws, [])
    _row(ws, ["一、首先要看的问题"], bold)
    _row(ws, ["类别", "机关", "文件", "位置", "问题"], head)
    for group in RISK_GROUPS:
        items = [x for x in review.risks if x.group == group]
        if not items:
            _row(ws, [group, "没有"])
        for x in items:
            _row(ws, [group, x.agency, x.file, x.place, x.message])
    _row(ws, [])
    _row(ws, ["二、各机关按发现的问题排序"], bold)
    _row(ws, ["名次", "机关", "文件", "种类", "问题", "年度", "结果", "错误", "警告", "位置"], head)
    for n, e in enumerate(review.entries, start=1):
        head_row = [n, e.name, e.file, "", "", e.year or "", e.outcome, e.count(error=True), e.count(error=False)]
        _row(ws, head_row)
        for f in e.findings:
            _row(ws, [n, e.name, e.file, f.label, f.message, "", "", "", "", f.place])
    _row(ws, [])
    _row(ws, [f"三、关键数字在各机关中的位置（{review.year or ''} 年度，{len(review.compared)} 个机关；四分位数同 Excel QUARTILE.INC）"], bold)
    _row(ws, ["数字", "单位", "机关数", "表中位置", "", "下四分位数", "中位数", "上四分位数", "0", "空白", "不适用", "未读出"], head)
    for s in review.standings:
        q = [float(v) for v in s.q] if s.q else ["", "", ""]
        _row(ws, [s.label, s.unit, s.count, s.where, "", *q, s.states["zero"], s.states["blank"], s.states["na"],
                  s.states["unread"]])
    _row(ws, [])
    _row(ws, ["机关", "文件", "年度", *[s.label for s in review.standings]], head)
    for e in sorted(review.entries, key=lambda x: x.file):
        cells = [review.cells[e.file][s.key] for s in review.standings]
        _row(ws, [e.name, e.file, e.year or "",
                  *[float(c.value) if c.value is not None and c.cls.split()[0] in ("number", "zero") else c.text
                    for c in cells]])
    _row(ws, [])
    _row(ws, ["四、与上年相比" + (f"（上年文件夹 {review.previous}，找到 {review.matched} 个机关）" if review.previous
                               else "（没有给出上年的文件夹）")], bold)
    for x in review.jumps:
        _row(ws, ["数字异常", x.agency, x.file, x.place, x.message])
    return save_workbook(wb, path)
