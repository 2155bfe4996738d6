"""汇总.xlsx: the roll-up of a folder build as a workbook, written in constant memory, laid out for
reading and printing (every sheet landscape A4, one page wide, its header rows repeated on each page).

Sheets:
- 各机关: one row per facts file: 文件, 机关, 年度, 报告格式 (its Chinese name), 结果, 问题 (the first
  error), 警告 (their count and first one), 信息处理费; the header frozen, a filter;
- 二、主动公开（各机关）, 三、收到和处理（各机关）, 四、复议诉讼（各机关）: the agencies' figures, one
  sheet per statutory table, agencies as rows, under headers grouped as the table names its rows and
  columns (reportgen.publish.agency_sheets);
- 二、主动公开（合计）, 三、…（合计）, 四、…（合计）: each statutory table of 国办公开办函〔2021〕30号 laid
  out as the format prints it — the same labels (from `model.formats.national_tables`, through the
  layout of `html.py`), the same merged cells — holding the sum over the agencies built without
  error in the national format, of the year most of them have; a note under the table says how
  many were summed and which were not.

汇总.csv keeps every figure in one row per file (it is read by programs); the workbook is for people.
The rows come from 汇总.csv (`rows_from_csv`, reportgen.publish.rollup_sums, which also sums
them and lays out the tables), read once per sheet and
never held in memory at once: openpyxl's write-only mode streams each sheet to a temporary file,
and it does write merged cells, frozen panes, column widths and row heights. No cell is a formula:
text is stored as text (a cell starting with = + - @ gets the quote prefix Excel itself uses).
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..load.os_reasons import os_reason
from ..model.formats import FORMATS
from .agency_sheets import SUFFIX, listed, page_setup, sheets, write_agency_sheet
from .output import _umask
from .rollup_sums import (FORMULA_START, Rows, Survey, csv_columns, left_out, number, number_format, rows_from_csv,
                          table_columns, table_layouts, text_width)

XLSX_NAME = "汇总.xlsx"
AGENCY_SHEET = "各机关"
TOTAL_SUFFIX = "（合计）"
FIRST_FIGURE = 7  # 文件 机关 年度 报告格式 结果 问题 警告, then the figures
MAX_WIDTH = 60
WRAPPED = ("问题",)  # columns whose long texts wrap within the column
NUMBER_WIDTH = 12


# -- writing ----------------------------------------------------------------------------------------

def styles() -> dict[str, Any]:
    """The cell styles of the workbook's sheets (border, alignments, bold, header fill)."""
    return _styles()


def text_cell(ws: Any, value: str, **style: Any) -> Any:
    """A write-only cell holding `value` as text, never a formula (see _text_cell)."""
    return _text_cell(ws, value, **style)


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="444444")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "top": Alignment(vertical="top", wrap_text=True),
        "bold": Font(bold=True),
        "head": PatternFill("solid", fgColor="EDEDED"),
    }


_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl's ILLEGAL_CHARACTERS_RE


def _text_cell(ws: Any, value: str, **style: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws)
    # A control character xlsx cannot hold (a failed file's name typed with one, quoted in its
    # problem) is shown as its code, never the end of the whole workbook.
    value = _XLSX_ILLEGAL.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
    if value:  # an empty cell holds no value (an empty inline string is not valid xlsx)
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever it starts with
    if value[:1] in FORMULA_START:
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def _number_cell(ws: Any, value: int | float, **style: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    for key, val in style.items():
        setattr(cell, key, val)
    return cell


def _lines(text: str, width: float) -> int:
    return max(1, math.ceil(text_width(text) / max(width - 1, 1)))


def _write_table(wb: Any, styles: dict[str, Any], name: str, heading: str, cells: list[tuple[int, int, Any]],
                 widths: list[float], title: str, note: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    ws = wb.create_sheet(name)
    # Printed on one A4 page wide, as the report prints it (portrait for the narrow table 二).
    page_setup(ws, "1:1")
    ws.page_setup.orientation = "landscape" if sum(widths) > 90 else "portrait"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ncols = len(widths)
    top = 3  # the title, a blank row, then the table
    ws.merged_cells.add(CellRange(min_col=1, min_row=1, max_col=ncols, max_row=1))
    ws.row_dimensions[1].height = 24
    nrows = max(r + cell.rows for r, _, cell in cells)
    by_row: dict[int, list[tuple[int, Any]]] = {}
    for r, c, cell in cells:
        by_row.setdefault(r, []).append((c, cell))
        if cell.rows > 1 or cell.cols > 1:
            ws.merged_cells.add(CellRange(min_col=c + 1, min_row=top + r, max_col=c + cell.cols,
                                          max_row=top + r + cell.rows - 1))
    for r in range(nrows):  # row heights: the tallest one-row cell of the row
        lines = max([_lines(cell.text, sum(widths[c:c + cell.cols]))
                     for c, cell in by_row.get(r, []) if cell.rows == 1] or [1])
        ws.row_dimensions[top + r].height = 15 * lines + 4
    ws.append([_text_cell(ws, f"{heading}（{title}）", font=styles["bold"], alignment=styles["left"])])
    ws.append([])
    for r in range(nrows):
        row: list[Any] = []
        for c in range(ncols):  # every grid position bordered, merged ones too, so the lines show
            row.append(_text_cell(ws, "", border=styles["border"]))
        for c, cell in by_row.get(r, []):
            value = number(cell.text) if cell.cls == "num" else None
            if value is not None:
                row[c] = _number_cell(ws, value, border=styles["border"], alignment=styles["center"])
                if number_format(cell.text):
                    row[c].number_format = number_format(cell.text)
            else:
                left = cell.cls == "label" or cell.cls == "note"
                row[c] = _text_cell(ws, cell.text, border=styles["border"],
                                    alignment=styles["left" if left else "center"],
                                    **({"fill": styles["head"]} if cell.header and cell.cls != "label" else {}))
        ws.append(row)
    ws.append([])
    ws.merged_cells.add(CellRange(min_col=1, min_row=top + nrows + 1, max_col=ncols, max_row=top + nrows + 1))
    ws.row_dimensions[top + nrows + 1].height = 15 * _lines(note, sum(widths)) + 4
    ws.append([_text_cell(ws, note, alignment=styles["top"])])


def _write_agencies(wb: Any, styles: dict[str, Any], columns: list[str], survey: Survey, rows: Rows,
                    indexes: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(AGENCY_SHEET)
    widths = []
    for i, column in enumerate(columns):
        data = survey.widths[indexes[i]]
        if column == "报告格式":
            data = max([data] + [text_width(f.label) for f in FORMATS.values()])
        if i >= FIRST_FIGURE or column == "年度":
            width = max(data, NUMBER_WIDTH if i >= FIRST_FIGURE else text_width(column)) + 2
        else:
            width = max(data, text_width(column)) + 2
        widths.append(min(width, MAX_WIDTH))
        ws.column_dimensions[get_column_letter(i + 1)].width = widths[-1]
    ws.row_dimensions[1].height = 15 * max(_lines(c, w) for c, w in zip(columns, widths)) + 4
    ws.freeze_panes = "C2"  # the header row and the 文件, 机关 columns stay in view
    page_setup(ws, "1:1")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{survey.rows + 1}"
    ws.append([_text_cell(ws, c, font=styles["bold"], fill=styles["head"], alignment=styles["center"],
                          border=styles["border"]) for c in columns])
    for row in rows():
        out = []
        for i, column in enumerate(columns):
            text = row.get(column, "") or ""
            if column == "报告格式" and text in FORMATS:
                text = FORMATS[text].label  # 全国统一格式（国办公开办函〔2021〕30号）, as the messages name it
            value = number(text) if (i >= FIRST_FIGURE or column == "年度") else None
            if isinstance(value, float):
                out.append(_number_cell(ws, value, number_format=number_format(text) or "General"))
            elif value is not None:
                out.append(value)
            elif text[:1] in FORMULA_START or _XLSX_ILLEGAL.search(text):
                out.append(_text_cell(ws, text))  # as text: the quote prefix, never a formula; controls shown
            elif column in WRAPPED and text_width(text) > widths[i] - 2:
                # wrapped in its column: a long 问题 overflowing into the empty columns beside it printed
                # across them (and their grid lines) on paper
                out.append(_text_cell(ws, text, alignment=styles["top"]))
            else:
                out.append(text or None)  # openpyxl takes only a text starting with = for a formula
        ws.append(out)


def write_workbook(path: Path, columns: list[str], rows: Rows) -> Path:
    """Write 汇总.xlsx at `path` (atomically) from the roll-up `rows` (called twice; each call gives
    an iterable of {column: text} as in 汇总.csv)."""
    from openpyxl import Workbook

    survey = Survey(columns)
    count = 0
    for row in rows():
        survey.add(row)
        count += listed(row)
    year = survey.year()
    left_count, left_names, copies = left_out(rows, year)
    wb = Workbook(write_only=True)
    styles = _styles()
    if year is not None:
        summed = survey.counts[year]
        title = f"{year}年度，{summed}个机关合计"
        note = f"合计了 {summed} 个机关 {year} 年度全国统一格式报告的数字（生成成功的）。"
        if left_count:
            more = "等" if left_count > len(left_names) else ""
            why = "生成失败、其他年度、其他格式或与前面的文件是同一机关" if copies else "生成失败、其他年度或其他格式"
            note += (f"没有计入 {left_count} 个文件（{why}）：{'、'.join(left_names)}{more}，"
                     f"见“{AGENCY_SHEET}”表的“结果”“年度”“报告格式”列。")
    # 各机关 with the columns that are not a table's figure (those are on the sheets below)
    figures = set(table_columns())
    overview = [i for i, column in enumerate(columns) if column not in figures]
    _write_agencies(wb, styles, [columns[i] for i in overview], survey, rows, overview)
    name_width = survey.widths[columns.index("机关")] if "机关" in columns else 0
    for sheet in sheets():
        write_agency_sheet(wb, styles, sheet, rows, count, name_width, _text_cell)
    if year is not None:
        for sheet, (_, heading, cells, widths) in zip(sheets(), table_layouts(survey.sums[year])):
            name = sheet.name.removesuffix(SUFFIX) + TOTAL_SUFFIX
            _write_table(wb, styles, name, heading, cells, widths, title, note)
    return save_workbook(wb, path)


def save_workbook(wb: Any, path: Path) -> Path:
    """Save a workbook at `path` atomically (a temporary file in the same folder, renamed); OutputError
    when it cannot be written (most often: open in Excel or WPS). Also used by `check FOLDER`'s 审阅 sheet."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        wb.save(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        hint = ("请把这个文件夹改名或移走，再重新生成。" if isinstance(exc, IsADirectoryError)
                else "如果它正在 Excel 或 WPS 中打开，请先关闭，再重新生成。")
        raise OutputError(f"{path}: 无法写入（{os_reason(exc)}）。{hint}") from exc
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_rollup_workbook(csv_path: Path, path: Path | None = None) -> Path:
    """汇总.xlsx beside 汇总.csv (or at `path`), from the CSV's rows."""
    return write_workbook(path or csv_path.with_name(XLSX_NAME), csv_columns(csv_path),
                          lambda: rows_from_csv(csv_path))
