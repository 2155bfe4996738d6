"""The per-agency sheets of 汇总.xlsx: one sheet per statutory table of 国办公开办函〔2021〕30号, the
agencies as rows, under headers grouped (merged) as the table names its rows and columns, laid out
for reading and printing (landscape A4, fit to one page wide, the header rows repeated on every
printed page, the header and the agency's name frozen in view).

- 二、主动公开（各机关）: one row per agency; a column per cell of table 二, headed by the table's row
  (规章, 行政规范性文件, 行政许可 …) over its column (本年制发件数 …).
- 三、收到和处理（各机关）: table 三 has 25 rows × 7 columns; one row per agency would be 175 columns
  wide, which no page holds. Each agency is a block of 7 rows instead, one per applicant column of the
  table (自然人, 商业企业 … 总计, the last in bold), and a column per row of the table, headed by its
  groups (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密).
- 四、复议诉讼（各机关）: one row per agency; 行政复议 › 结果维持 …, 行政诉讼 › 未经复议直接起诉 › 结果维持 ….

Listed: the rows of 汇总.csv that hold the tables' figures (reports built in the national format), in
the CSV's order; the others are on the sheet 各机关. Numbers are numbers; no cell is a formula. Rows
are streamed (write-only mode): `rows` is called once per sheet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from copy import copy
from dataclasses import dataclass
from typing import Any

from ..model.formats import national_tables as T
from ..model.formats.common import heading_number
from .rollup_sums import (FORMAT, FORMULA_START, active_column, app_column, number, number_format, review_column,
                          text_width)

_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl's ILLEGAL_CHARACTERS_RE

AGENCY = "机关"
YEAR = "年度"
APPLICANT = "申请人"
SUFFIX = "（各机关）"
HEADER_LINE = 15  # points per line of header text
NAME_WIDTH_LIMIT = 40


@dataclass(frozen=True)
class Leaf:
    """One figure column of a sheet: its header path (outer to inner), and the CSV column of each
    of its rows (`csv(row_label)`; the row label is "" for one-row agencies)."""

    path: tuple[str, ...]
    csv: Callable[[str], str]


def _short(section: int) -> str:
    """二、主动公开 …: the sheet's name (Excel allows 31 characters)."""
    names = {1: "主动公开", 2: "收到和处理", 3: "复议诉讼"}
    return heading_number(1, section + 1) + names[section] + SUFFIX


def active_leaves() -> list[Leaf]:
    """Table 二's cells, in the table's order: (row label, column name)."""
    leaves = [Leaf((label, name), lambda _, l=label, n=name: active_column(l, n))
              for _, label in T.RULE_ROWS for _, name in T.RULE_COLUMNS]
    leaves += [Leaf((label, T.ACTIVE_DECISIONS), lambda _, l=label: active_column(l, T.ACTIVE_DECISIONS))
               for _, label, _ in T.DECISION_ROWS]
    leaves.append(Leaf((T.FEE_ROW[1], T.ACTIVE_FEES), lambda _: active_column(T.FEE_ROW[1], T.ACTIVE_FEES)))
    return leaves


APPLICANT_ROWS = (*T.APPLICANT_COLUMNS, T.TOTAL)  # the block of rows of one agency on table 三's sheet


def app_path(row: T.AppRow) -> tuple[str, ...]:
    """The header path of a row of table 三: 一、… alone; 三、本年度办理结果 › （一）予以公开; or
    三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密."""
    if row in (T.NEW, T.CARRIED_OVER, T.CARRIED_FORWARD):
        return (row.label,)
    return (T.RESULTS_LABEL, row.group, row.label) if row.group else (T.RESULTS_LABEL, row.label)


def app_leaves() -> list[Leaf]:
    """Table 三's rows as columns; each agency row of the sheet is one applicant column."""
    return [Leaf(app_path(r), lambda name, r=r: app_column(r, name)) for r in T.ALL_APP_ROWS]


def review_leaves() -> list[Leaf]:
    """Table 四's 15 cells: 行政复议 › result; 行政诉讼 › 未经复议直接起诉 / 复议后起诉 › result."""
    outcomes = (*T.OUTCOME_COLUMNS, T.TOTAL)
    out = []
    for index, (_, label) in enumerate(T.REVIEW_GROUPS):
        prefix = (label,) if index == 0 else (T.LITIGATION, label)
        out += [Leaf((*prefix, name), lambda _, l=label, n=name: review_column(l, n)) for _, name in outcomes]
    return out


@dataclass(frozen=True)
class Sheet:
    """One per-agency sheet: its name, title, figure columns, their width, and the rows of each agency
    (("", "") for one row; the applicant columns of table 三 otherwise: (label in the sheet, CSV name))."""

    name: str
    title: str
    leaves: list[Leaf]
    width: float
    agency_rows: tuple[tuple[str, str], ...] = (("", ""),)


def sheets() -> list[Sheet]:
    """The three per-agency sheets, in the tables' order."""
    return [
        Sheet(_short(1), heading_number(1, 2) + T.SECTIONS[1] + "（各机关）", active_leaves(), 10),
        Sheet(_short(2), heading_number(1, 3) + T.SECTIONS[2] + "（各机关，每个机关按申请人分行）", app_leaves(), 7.5,
              tuple((name, name) for _, name in APPLICANT_ROWS)),
        Sheet(_short(3), heading_number(1, 4) + T.SECTIONS[3] + "（各机关）", review_leaves(), 7.5),
    ]


_FIRST_FIGURE = active_column(T.RULE_ROWS[0][1], T.RULE_COLUMNS[0][1])


def listed(row: Mapping[str, str]) -> bool:
    """Whether a roll-up row is on the per-agency sheets: a report in the national format with its figures."""
    return row.get("报告格式") == FORMAT and bool((row.get(_FIRST_FIGURE) or "").strip())


# -- header layout ---------------------------------------------------------------------------------

def header_cells(paths: list[tuple[str, ...]]) -> tuple[int, list[tuple[int, int, int, int, str]]]:
    """The grouped header of columns with these paths: (depth, [(level, column, rows, columns, text)]),
    0-based. Consecutive columns sharing a path prefix share one merged cell at that level; a path
    shorter than the depth has its last name merged down to the bottom header row."""
    depth = max(len(p) for p in paths)
    cells = []
    for level in range(depth):
        c = 0
        while c < len(paths):
            path = paths[c]
            if level >= len(path):
                c += 1
                continue
            if level == len(path) - 1:
                cells.append((level, c, depth - level, 1, path[level]))
                c += 1
                continue
            end = c + 1
            while end < len(paths) and len(paths[end]) > level + 1 and paths[end][:level + 1] == path[:level + 1]:
                end += 1
            cells.append((level, c, 1, end - c, path[level]))
            c = end
    return depth, cells


def _lines(text: str, width: float) -> int:
    return max(1, -(-text_width(text) // max(int(width) - 2, 1)))  # a margin: Calc wraps before the edge


def header_heights(depth: int, cells: list[tuple[int, int, int, int, str]], widths: list[float]) -> list[float]:
    """Row heights (points) of the header rows so that every header text shows whole, wrapped."""
    lines = [1] * depth
    for level, c, rows, cols, text in sorted(cells, key=lambda cell: cell[2]):
        need = _lines(text, sum(widths[c:c + cols]))
        have = sum(lines[level:level + rows])
        if need > have:
            lines[level + rows - 1] += need - have
    return [HEADER_LINE * n + 4 for n in lines]


# -- writing ---------------------------------------------------------------------------------------

def write_agency_sheet(wb: Any, styles: dict[str, Any], sheet: Sheet, rows: Callable[[], Iterable[Mapping[str, str]]],
                       count: int, name_width: float, cell: Callable[..., Any]) -> None:
    """Write one per-agency sheet into the write-only workbook `wb`: a title row, the grouped header,
    then each listed agency's row(s). `count`: how many rows are listed (for the filter's range);
    `name_width`: the widest agency name (display width); `cell`: spreadsheet.text_cell."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    ws = wb.create_sheet(sheet.name)
    block = len(sheet.agency_rows) > 1
    left = [AGENCY, YEAR] + ([APPLICANT] if block else [])
    widths = [min(max(name_width, text_width(AGENCY)) + 2, NAME_WIDTH_LIMIT), 7.0] + ([14.0] if block else [])
    widths += [sheet.width] * len(sheet.leaves)
    depth, cells = header_cells([(name,) for name in left] + [leaf.path for leaf in sheet.leaves])
    top = 2  # row 1: the title
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for level, height in enumerate(header_heights(depth, cells, widths)):
        ws.row_dimensions[top + level].height = height
    ncols = len(widths)
    ws.merged_cells.add(CellRange(min_col=1, min_row=1, max_col=ncols, max_row=1))
    ws.row_dimensions[1].height = 24
    for level, c, nrows, ncols_, _ in cells:
        if nrows > 1 or ncols_ > 1:
            ws.merged_cells.add(CellRange(min_col=c + 1, min_row=top + level, max_col=c + ncols_,
                                          max_row=top + level + nrows - 1))
    last_header = top + depth - 1
    _page_setup(ws, f"{top}:{last_header}")
    ws.freeze_panes = f"{get_column_letter(len(left) + 1)}{last_header + 1}"
    ws.auto_filter.ref = f"A{last_header}:{get_column_letter(ncols)}{last_header + count * len(sheet.agency_rows)}"

    ws.append([cell(ws, sheet.title, font=styles["bold"], alignment=styles["left"])])
    grid = {(level, c): text for level, c, _, _, text in cells}
    for level in range(depth):
        ws.append([cell(ws, grid.get((level, c), ""), font=styles["bold"], fill=styles["head"],
                        alignment=styles["center"], border=styles["border"]) for c in range(ncols)])

    bold_style = cell(ws, "x", font=styles["bold"])._style  # one styled cell's style, copied (no re-hashing)

    def value(text: str, bold: bool = False) -> Any:
        # Plain values where they can be (2,000 agencies are 400,000 cells on 三); the printed grid
        # lines draw the table (print_options.gridLines); the 总计 rows get the bold style copied.
        number_value = int(text) if text.isdigit() and text.isascii() else number(text)
        if number_value is None:
            if not bold and (not text or (text[:1] not in FORMULA_START and not _XLSX_ILLEGAL.search(text))):
                return text or None
            out = cell(ws, text)
        else:
            out = WriteOnlyCell(ws, value=number_value)
            if number_format(text):
                out.number_format = number_format(text)
            elif not bold:
                return number_value
        if bold:
            out._style = copy(bold_style)
        return out

    block_columns = [[leaf.csv(csv_name) for leaf in sheet.leaves] for _, csv_name in sheet.agency_rows]
    for row in rows():
        if not listed(row):
            continue
        name = value(row.get(AGENCY) or row.get("文件") or "")
        year = value(row.get(YEAR) or "")
        for index, (label, _) in enumerate(sheet.agency_rows):
            bold = block and index == len(sheet.agency_rows) - 1
            line = [name, year] + ([value(label, bold)] if block else [])
            line += [value(row.get(column) or "", bold) for column in block_columns[index]]
            ws.append(line)


def _page_setup(ws: Any, title_rows: str) -> None:
    """Landscape A4, one page wide (as many pages down as it takes), the header rows on every page."""
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.page_setup.paperSize = 9  # A4 (Worksheet.PAPERSIZE_A4)
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.print_options.gridLines = True  # the cells' lines on paper (the header cells have borders too)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def page_setup(ws: Any, title_rows: str) -> None:
    """The print layout of every sheet of 汇总.xlsx (see _page_setup)."""
    _page_setup(ws, title_rows)
