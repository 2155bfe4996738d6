"""汇总.xlsx of a folder build: the statutory tables as the format prints them (merged labels) holding
the sums (computed independently, tests/agencies.py and test_rollup.expected_grids), one row per
agency with typed numbers, no formula from text; LibreOffice Calc opens it with the same sums."""

from __future__ import annotations

import csv
import subprocess
import tracemalloc
from decimal import Decimal

import openpyxl
import pytest
from agencies import agency_data, dump, write_district
from test_rollup import expected_grids

from reportgen.batch.rollup_csv import rollup_columns
from reportgen.cli import main
from reportgen.publish.pdf import find_soffice
from reportgen.publish.rollup_sums import table_columns
from reportgen.publish.spreadsheet import write_workbook

SHEETS = ["主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况", "各机关"]
TOP = 3  # the table starts on row 3, under its title and a blank row

# The merged ranges of each table sheet, typed from the format (statutory-format.md §2) at row 3:
# the sheet's title row 1 and the note under the table are merged across the table too.
MERGES_ACTIVE = {"A1:D1", "A3:D3", "A7:D7", "B8:D8", "B9:D9", "A10:D10", "B11:D11", "B12:D12", "B13:D13",
                 "A14:D14", "B15:D15", "B16:D16", "A18:D18"}
MERGES_APPS = {"A1:J1", "A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A6:C6", "A7:C7", "A8:A29", "B8:C8", "B9:C9",
               "B10:B17", "B18:B20", "B21:B25", "B26:B28", "B29:C29", "A30:C30", "A32:J32"}
MERGES_REVIEWS = {"A1:O1", "A3:E3", "F3:O3", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:J4", "K4:O4", "A8:O8"}


def norm(value) -> str:
    """A cell as text; numbers compared by value (42.1 and 42.10 are the same sum)."""
    if value is None:
        return ""
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except ArithmeticError:
        return str(value)


def sheet_grid(ws, top: int, height: int) -> list[list[str]]:
    """The table's cells from row `top`, a merged range's value repeated over every cell it covers."""
    values = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row}
    for rng in ws.merged_cells.ranges:
        first = values.get((rng.min_row, rng.min_col))
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                values[(r, c)] = first
    return [[norm(values.get((r, c))) for c in range(1, ws.max_column + 1)] for r in range(top, top + height)]


def normed(grid: list[list[str]]) -> list[list[str]]:
    return [[norm(x) for x in row] for row in grid]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    datas = write_district(folder, 20)
    formula = agency_data(5)
    formula["agency"]["name"] = "=HYPERLINK(\"http://example.com\",\"点我\")"  # a valid name Excel would run
    (folder / "99-公式.yaml").write_text(dump(formula), encoding="utf-8")
    broken = agency_data(6)
    broken["applications"]["new"][2] += 2
    (folder / "98-有错误.yaml").write_text(dump(broken), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(folder), "-o", str(out), "--jobs", "2"]) == 1  # 98-有错误.yaml fails
    return out, datas + [formula]


def test_table_sheets_hold_the_sums_with_the_format_merges(built):
    out, datas = built
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    assert wb.sheetnames == SHEETS
    expected = expected_grids(datas)
    for ws, grid, merges in zip(wb.worksheets, expected, (MERGES_ACTIVE, MERGES_APPS, MERGES_REVIEWS)):
        assert {str(r) for r in ws.merged_cells.ranges} == merges, ws.title
        assert sheet_grid(ws, TOP, len(grid)) == normed(grid), ws.title
        assert ws["A1"].value.endswith("（2025年度，21个机关合计）")
        note = ws.cell(TOP + len(grid) + 1, 1).value
        assert note.startswith("合计了 21 个机关 2025 年度") and "没有计入 1 个文件" in note and "98-有错误.yaml" in note
        numbers = [c for row in ws.iter_rows(min_row=TOP) for c in row if c.data_type == "n" and c.value is not None]
        assert numbers and all(isinstance(c.value, (int, float)) for c in numbers)


def test_agency_sheet_typed_numbers_frozen_header_widths_and_no_formula(built):
    out, datas = built
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    ws = wb["各机关"]
    header = [c.value for c in ws[1]]
    assert header == rollup_columns()
    assert ws.freeze_panes == "C2"
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert len(rows) == 22
    formula = rows["99-公式.yaml"]
    name = formula[header.index("机关")]
    assert name.value == "=HYPERLINK(\"http://example.com\",\"点我\")" and name.data_type == "s" and name.quotePrefix
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    first = rows["01-发展和改革局-2025.yaml"]
    new_natural = first[header.index("申请·一、本年新收政府信息公开申请数量·自然人")]
    assert new_natural.value == datas[0]["applications"]["new"][0] and new_natural.data_type == "n"
    fees = first[header.index("主动公开·行政事业性收费·本年收费金额（单位：万元）")]
    assert Decimal(str(fees.value)) == datas[0]["active_disclosure"]["fees"]
    assert fees.number_format == "0." + "0" * len(str(datas[0]["active_disclosure"]["fees"]).partition(".")[2])
    failed = rows["98-有错误.yaml"]
    assert failed[header.index("结果")].value == "失败" and "BALANCE" in failed[header.index("问题")].value
    assert failed[header.index("问题")].value.startswith("第")
    # Widths fit: CJK characters count double. 示例区人力资源和社会保障局 is 12 characters: 24 wide.
    width = ws.column_dimensions["B"].width
    assert width >= 2 * len("示例区人力资源和社会保障局")
    assert ws.column_dimensions["F"].width <= 60  # a long first problem wraps instead of a huge column


def test_libreoffice_calc_opens_it_with_the_same_sums(built, tmp_path):
    out, datas = built
    soffice = find_soffice()
    assert soffice, "LibreOffice is required (scripts/install-system-deps.sh)"
    profile = tmp_path / "profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         # CSV, UTF-8 (76), comma, double quotes, every sheet into its own file (the last -1)
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), str(out / "汇总.xlsx")],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    sheets = {}
    for name in SHEETS:
        with open(tmp_path / f"汇总-{name}.csv", encoding="utf-8", newline="") as handle:
            sheets[name] = list(csv.reader(handle))
    for name, grid in zip(SHEETS, expected_grids(datas)):
        rows = sheets[name][TOP - 1:TOP - 1 + len(grid)]
        # Calc writes a merged range's value in its first cell only: compare where the grid's cells start.
        for r, (got, want) in enumerate(zip(rows, grid)):
            for c, text in enumerate(got):
                if text:
                    assert norm(text) == norm(want[c]), (name, r, c)
        assert sum(1 for row in rows for x in row if x) >= 0.3 * sum(len(row) for row in grid)
    # 各机关: the same figures as 汇总.csv, and the formula-looking name shown as typed.
    with open(out / "汇总.csv", encoding="utf-8-sig", newline="") as handle:
        csv_rows = list(csv.reader(handle))
    calc_rows = sheets["各机关"]
    assert len(calc_rows) == len(csv_rows)
    for mine, theirs in zip(csv_rows, calc_rows):
        assert [norm(x.lstrip("'")) if x[:2] != "'=" else x[1:] for x in mine] == [norm(x) for x in theirs]
    assert any(row[1] == "=HYPERLINK(\"http://example.com\",\"点我\")" for row in calc_rows)


def test_rows_are_streamed_not_held(tmp_path):
    """Peak memory of writing 1,000 agencies is about that of 100: rows are never all in memory."""
    columns = rollup_columns()
    figures = table_columns()

    def rows(n):
        def make():
            for i in range(n):
                row = {"文件": f"{i}.yaml", "机关": f"第{i}局", "年度": "2025", "报告格式": "national-2021",
                       "结果": "已生成", "问题": "", "警告": ""}
                row.update({c: str(i % 7) for c in figures})
                yield row
        return make

    peaks = []
    for n in (100, 1000):
        tracemalloc.start()
        write_workbook(tmp_path / f"{n}.xlsx", columns, rows(n))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 1.5 * peaks[0], peaks
    wb = openpyxl.load_workbook(tmp_path / "1000.xlsx", read_only=True)
    assert sum(1 for _ in wb["各机关"].iter_rows(values_only=True)) == 1001
    wb.close()


def test_a_workbook_that_cannot_be_written_is_a_message(tmp_path):
    from reportgen.errors import OutputError

    (tmp_path / "汇总.xlsx").mkdir()  # as if held by another program: the rename cannot replace it
    with pytest.raises(OutputError, match="无法写入.*正在 Excel 或 WPS 中打开"):
        write_workbook(tmp_path / "汇总.xlsx", rollup_columns(), lambda: iter([]))
    assert [p.name for p in tmp_path.iterdir()] == ["汇总.xlsx"]  # no temporary file left behind


def test_every_table_cell_has_its_csv_column():
    """The table sheets read 汇总.csv's columns by name: a renamed column must fail here, not sum to 0."""
    assert set(table_columns()) <= set(rollup_columns())
    assert len(table_columns()) == 3 * 2 + 3 + 1 + 25 * 7 + 3 * 5


def test_an_agency_with_two_files_is_summed_once(tmp_path):
    """Two facts files of one agency and year (the clerk's copy 01-…-2025副本.yaml beside the
    original) both build, but the summed tables count the agency once and the note names the copy."""
    folder = tmp_path / "district"
    datas = write_district(folder, 2)
    first = sorted(folder.iterdir())[0]
    (folder / (first.stem + "副本.yaml")).write_bytes(first.read_bytes())
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out / "汇总.xlsx").worksheets[1]
    grid = expected_grids(datas)[1]
    assert sheet_grid(ws, TOP, len(grid)) == normed(grid)
    assert ws["A1"].value.endswith("（2025年度，2个机关合计）")
    note = ws.cell(TOP + len(grid) + 1, 1).value
    assert "没有计入 1 个文件" in note and f"{first.stem}副本.yaml" in note and "同一机关" in note, note
