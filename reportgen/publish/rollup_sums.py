"""汇总.csv read back for the workbook (reportgen.publish.spreadsheet writes it): its rows one at
a time, its figures as numbers, the CSV column of every cell of the three statutory tables, the
sums over the agencies of one year (a first pass over the rows: `Survey`), and the tables laid out
as the format prints them (the layouts of reportgen.publish.html, as grids of placed cells)."""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..model.formats import national_tables as T
from ..model.formats.common import heading_number

FORMAT = "national-2021"


BUILT = "已生成"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


Rows = Callable[[], Iterable[Mapping[str, str]]]


def rows_from_csv(path: Path) -> Iterator[dict[str, str]]:
    """The rows of 汇总.csv one at a time, with the ' the CSV puts before = + - @ taken off."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: _unescape(value or "") for key, value in row.items() if key is not None}


def csv_columns(path: Path) -> list[str]:
    """The header of 汇总.csv: its column names, in order ([] for an empty file)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def _unescape(value: str) -> str:
    return value[1:] if value[:1] == "'" and value[1:2] in FORMULA_START and value[1:2] else value


def text_width(text: str) -> int:
    """Display width: CJK and full-width characters count double."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def number(text: str) -> int | float | None:
    """A figure of the CSV as a number (int for counts, float for amounts); None if not one."""
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() and "." not in text else float(value)


def number_format(text: str) -> str | None:
    """An amount keeps the decimals it was written with (42.10 shows as 42.10, not 42.1)."""
    _, dot, decimals = text.strip().partition(".")
    return "0." + "0" * len(decimals) if dot and decimals.isdigit() else None


# -- CSV column of each table cell (the names batch.rollup_csv.rollup_columns gives) ---------------------------

def active_column(label: str, header: str) -> str:
    """The CSV column of a cell of table 二 (主动公开): its row's label and its column's header."""
    return f"主动公开·{label}·{header}"


def app_column(row: T.AppRow, name: str) -> str:
    """The CSV column of a cell of table 三 (申请): its row and its column's name."""
    return f"申请·{row.printed}·{name}"


def review_column(label: str, name: str) -> str:
    """The CSV column of a cell of table 四 (复议诉讼): its group's label and its column's name."""
    return f"复议诉讼·{label}·{name}"


def table_columns() -> list[str]:
    """Every CSV column a statutory-table sheet sums."""
    out = [active_column(label, name) for _, label in T.RULE_ROWS for _, name in T.RULE_COLUMNS]
    out += [active_column(label, T.ACTIVE_DECISIONS) for _, label, _ in T.DECISION_ROWS]
    out.append(active_column(T.FEE_ROW[1], T.ACTIVE_FEES))
    out += [app_column(r, name) for r in T.ALL_APP_ROWS for _, name in (*T.APPLICANT_COLUMNS, T.TOTAL)]
    out += [review_column(label, name) for _, label in T.REVIEW_GROUPS for _, name in (*T.OUTCOME_COLUMNS, T.TOTAL)]
    return out


# -- the statutory tables as grids ------------------------------------------------------------------

def _text(value: Decimal) -> str:
    return format(value, "f")


def _contexts(sums: Mapping[str, Decimal]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The sums in the shapes html.py's table layouts take (numbers as text)."""
    active: dict[str, Any] = {key: {col: _text(sums[active_column(label, name)]) for col, name in T.RULE_COLUMNS}
                              for key, label in T.RULE_ROWS}
    for key, label, _ in T.DECISION_ROWS:
        active[key] = _text(sums[active_column(label, T.ACTIVE_DECISIONS)])
    active[T.FEE_ROW[0]] = _text(sums[active_column(T.FEE_ROW[1], T.ACTIVE_FEES)])
    apps: dict[str, Any] = {}
    for r in T.ALL_APP_ROWS:
        cells = {col: _text(sums[app_column(r, name)]) for col, name in (*T.APPLICANT_COLUMNS, T.TOTAL)}
        group, _, item = r.key.rpartition(".")
        (apps.setdefault(group, {}) if group else apps)[item or r.key] = cells
    reviews = {key: {col: _text(sums[review_column(label, name)]) for col, name in (*T.OUTCOME_COLUMNS, T.TOTAL)}
               for key, label in T.REVIEW_GROUPS}
    return active, apps, reviews


def place(sections: list[tuple[str, list[list[Any]]]]) -> list[tuple[int, int, Any]]:
    """HTML-style rows of cells with rowspan/colspan → (row, column, cell), 0-based, in row order."""
    taken: set[tuple[int, int]] = set()
    out = []
    r = 0
    for _, rows in sections:
        for row in rows:
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, cell))
                taken.update((r + dr, c + dc) for dr in range(cell.rows) for dc in range(cell.cols))
                c += cell.cols
            r += 1
    return out


def table_layouts(sums: Mapping[str, Decimal]) -> list[tuple[str, str, list[tuple[int, int, Any]], list[float]]]:
    """(sheet name, heading, placed cells, column widths) of the three statutory tables."""
    from .html import active_table, applications_table, reviews_table

    active, apps, reviews = _contexts(sums)
    n = len(T.OUTCOME_COLUMNS) + 1
    return [
        (T.SECTIONS[1], heading_number(1, 2) + T.SECTIONS[1], place(active_table(active)), [28, 14, 14, 14]),
        (T.SECTIONS[2], heading_number(1, 3) + T.SECTIONS[2], place(applications_table(apps)),
         [6, 10, 36] + [9] * (len(T.APPLICANT_COLUMNS) + 1)),
        (T.SECTIONS[3], heading_number(1, 4) + T.SECTIONS[3], place(reviews_table(reviews)), [9] * (3 * n)),
    ]


# -- reading the rows: widths, sums, the year ----------------------------------------------------------

class Survey:
    """What the first pass over the rows learns: the rows themselves are not kept (only the agencies'
    names, to sum each agency once)."""

    def __init__(self, columns: list[str]):
        self.columns = columns
        self.widths = [0] * len(columns)
        self.rows = 0
        self.sums: dict[int, dict[str, Decimal]] = {}  # year → column → sum
        self.counts: Counter[int] = Counter()
        self.left_out = 0
        self.left_out_names: list[str] = []
        self.seen: set[tuple[int, str]] = set()  # (year, agency) summed: one agency's second file is not

    def add(self, row: Mapping[str, str]) -> None:
        self.rows += 1
        for i, column in enumerate(self.columns):
            self.widths[i] = max(self.widths[i], text_width(row.get(column, "") or ""))
        year = _summable_year(row, self.seen)
        if year is not None:
            sums = self.sums.setdefault(year, {c: Decimal(0) for c in table_columns()})
            for column in sums:
                sums[column] += Decimal((row.get(column) or "0").strip() or "0")
            self.counts[year] += 1

    def year(self) -> int | None:
        return max(self.counts, key=lambda y: (self.counts[y], y)) if self.counts else None


def _summable_year(row: Mapping[str, str], seen: set[tuple[int, str]]) -> int | None:
    """The year a row is summed in: a report built without error in the national format, and the
    first row of its agency and year (a copy of the same agency's file is built, not summed again)."""
    year = number(row.get("年度", "") or "")
    if not (row.get("结果") == BUILT and row.get("报告格式") == FORMAT and isinstance(year, int)):
        return None
    key = (year, row.get("机关") or "")
    if key in seen:
        return None
    seen.add(key)
    return year


def left_out(rows: Rows, year: int | None) -> tuple[int, list[str], int]:
    """How many rows are not summed, the first ten of their names, and how many of them are a
    second file of an agency already summed."""
    count, names, copies, seen = 0, [], 0, set()
    for row in rows():
        built = row.get("结果") == BUILT and row.get("报告格式") == FORMAT and number(row.get("年度", "") or "") == year
        if _summable_year(row, seen) != year or year is None:
            count += 1
            copies += built
            if len(names) < 10:
                names.append(row.get("文件") or row.get("机关") or "")
    return count, names, copies
