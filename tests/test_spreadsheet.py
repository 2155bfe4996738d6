"""汇总.xlsx of a folder build: the statutory tables as the format prints them (merged labels) holding
the sums (computed independently, tests/agencies.py and test_rollup.expected_grids); one sheet per
table with the agencies as rows under the table's own grouped headers, each agency's figures those of
its facts (worked out here from tests/agencies.py); one row per file on 各机关 with the format's
Chinese name; typed numbers, no formula from text; every sheet landscape, one page wide, its header
repeated; LibreOffice Calc opens it with the same sums, and prints a 10-agency roll-up on 9 pages."""

from __future__ import annotations

import csv
import subprocess
import tracemalloc
from decimal import Decimal

import openpyxl
import pytest
from agencies import RESULT_PATHS, agency_data, dump, write_district
from test_rollup import expected_grids

from reportgen.batch.rollup_csv import rollup_columns
from reportgen.cli import main
from reportgen.publish.pdf import find_soffice
from reportgen.publish.rollup_sums import table_columns
from reportgen.publish.spreadsheet import write_workbook

AGENCY_SHEETS = ["二、主动公开（各机关）", "三、收到和处理（各机关）", "四、复议诉讼（各机关）"]
SUM_SHEETS = ["二、主动公开（合计）", "三、收到和处理（合计）", "四、复议诉讼（合计）"]
SHEETS = ["各机关", *AGENCY_SHEETS, *SUM_SHEETS]
OVERVIEW = ["文件", "机关", "年度", "报告格式", "结果", "问题", "警告", "信息处理费（元）"]
NATIONAL = "全国统一格式（国办公开办函〔2021〕30号）"
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
    for ws, grid, merges in zip([wb[n] for n in SUM_SHEETS], expected, (MERGES_ACTIVE, MERGES_APPS, MERGES_REVIEWS)):
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
    assert header == OVERVIEW  # the figures are on the table sheets, not 200 columns here
    assert ws.freeze_panes == "C2"
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert len(rows) == 22
    formula = rows["99-公式.yaml"]
    name = formula[header.index("机关")]
    assert name.value == "=HYPERLINK(\"http://example.com\",\"点我\")" and name.data_type == "s" and name.quotePrefix
    for wsx in wb.worksheets:
        assert not any(c.data_type == "f" for row in wsx.iter_rows() for c in row), wsx.title
    formula_row = next(r for r in wb["二、主动公开（各机关）"].iter_rows(min_row=4) if r[0].value == name.value)
    assert formula_row[0].data_type == "s" and formula_row[0].quotePrefix
    first = rows["01-发展和改革局-2025.yaml"]
    assert first[header.index("报告格式")].value == NATIONAL  # the Chinese name, not national-2021
    fee = first[header.index("信息处理费（元）")]
    assert Decimal(str(fee.value)) == datas[0]["processing_fee"] and fee.data_type == "n"
    failed = rows["98-有错误.yaml"]
    assert failed[header.index("结果")].value == "失败" and "BALANCE" in failed[header.index("问题")].value
    assert failed[header.index("问题")].value.startswith("第")
    # Widths fit: CJK characters count double. 示例区人力资源和社会保障局 is 12 characters: 24 wide.
    width = ws.column_dimensions["B"].width
    assert width >= 2 * len("示例区人力资源和社会保障局")
    assert ws.column_dimensions["F"].width <= 60  # a long first problem wraps instead of a huge column
    # ... wraps within its column: unwrapped, it ran across the empty columns beside it, grid lines and all,
    # on the printed page
    problem = failed[header.index("问题")]
    assert len(problem.value) > 60 and problem.alignment.wrap_text
    assert not rows["01-发展和改革局-2025.yaml"][header.index("问题")].value  # a built file has none to wrap


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
    for name in ["各机关", *SUM_SHEETS]:
        with open(tmp_path / f"汇总-{name}.csv", encoding="utf-8", newline="") as handle:
            sheets[name] = list(csv.reader(handle))
    for name, grid in zip(SUM_SHEETS, expected_grids(datas)):
        rows = sheets[name][TOP - 1:TOP - 1 + len(grid)]
        # Calc writes a merged range's value in its first cell only: compare where the grid's cells start.
        for r, (got, want) in enumerate(zip(rows, grid)):
            for c, text in enumerate(got):
                if text:
                    assert norm(text) == norm(want[c]), (name, r, c)
        assert sum(1 for row in rows for x in row if x) >= 0.3 * sum(len(row) for row in grid)
    # 各机关: the same cells as 汇总.csv's columns of that name (报告格式 by its Chinese name), and
    # the formula-looking name shown as typed.
    with open(out / "汇总.csv", encoding="utf-8-sig", newline="") as handle:
        csv_rows = list(csv.reader(handle))
    calc_rows = sheets["各机关"]
    assert len(calc_rows) == len(csv_rows) and calc_rows[0] == OVERVIEW
    kept = [csv_rows[0].index(name) for name in OVERVIEW]
    for mine, theirs in zip(csv_rows[1:], calc_rows[1:]):
        mine = [NATIONAL if x == "national-2021" else x for x in (mine[i] for i in kept)]
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

    (tmp_path / "汇总.xlsx").mkdir()  # a folder in the way: the rename cannot replace it
    with pytest.raises(OutputError, match="无法写入（这是一个文件夹，不是文件）。请把这个文件夹改名或移走"):
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
    ws = openpyxl.load_workbook(out / "汇总.xlsx")["三、收到和处理（合计）"]
    grid = expected_grids(datas)[1]
    assert sheet_grid(ws, TOP, len(grid)) == normed(grid)
    assert ws["A1"].value.endswith("（2025年度，2个机关合计）")
    note = ws.cell(TOP + len(grid) + 1, 1).value
    assert "没有计入 1 个文件" in note and f"{first.stem}副本.yaml" in note and "同一机关" in note, note


# -- the per-agency sheets: headers typed from the format's tables (statutory-format.md §2) ------------

# Table 二: 机关, 年度, then each row of the table (规章 …) over its columns (本年制发件数 …), rows 2-3.
ACTIVE_HEAD = [
    ["机关", "年度", "规章", "规章", "规章", "行政规范性文件", "行政规范性文件", "行政规范性文件", "行政许可", "行政处罚",
     "行政强制", "行政事业性收费"],
    ["机关", "年度", "本年制发件数", "本年废止件数", "现行有效件数", "本年制发件数", "本年废止件数", "现行有效件数",
     "本年处理决定数量", "本年处理决定数量", "本年处理决定数量", "本年收费金额（单位：万元）"],
]
ACTIVE_MERGES = {"A1:L1", "A2:A3", "B2:B3", "C2:E2", "F2:H2"}
# Table 四: 行政复议 › result; 行政诉讼 › 未经复议直接起诉 / 复议后起诉 › result, rows 2-4.
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
REVIEW_HEAD = [
    ["机关", "年度"] + ["行政复议"] * 5 + ["行政诉讼"] * 10,
    ["机关", "年度"] + RESULTS + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
    ["机关", "年度"] + RESULTS + RESULTS + RESULTS,
]
REVIEW_MERGES = {"A1:Q1", "A2:A4", "B2:B4", "C2:G2", "H2:Q2", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4",
                 "H3:L3", "M3:Q3"}
# Table 三: its 25 rows as columns D–AB, under 三、本年度办理结果 › （三）不予公开 › 1.… (rows 2-4).
APPS_MERGES = {"A1:AB1", "A2:A4", "B2:B4", "C2:C4", "D2:D4", "E2:E4", "F2:AA2", "AB2:AB4", "F3:F4", "G3:G4",
               "H3:O3", "P3:R3", "S3:W3", "X3:Z3", "AA3:AA4"}
APPLICANT_ROWS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def merged_values(ws) -> dict[tuple[int, int], object]:
    values = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row}
    for rng in ws.merged_cells.ranges:
        first = values.get((rng.min_row, rng.min_col))
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                values[(r, c)] = first
    return values


def test_one_sheet_per_table_agencies_as_rows_under_the_tables_own_headers(built):
    out, _ = built
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    for name, head, merges in (("二、主动公开（各机关）", ACTIVE_HEAD, ACTIVE_MERGES),
                               ("四、复议诉讼（各机关）", REVIEW_HEAD, REVIEW_MERGES)):
        ws = wb[name]
        values = merged_values(ws)
        assert {str(r) for r in ws.merged_cells.ranges} == merges, name
        assert [[values[(r, c)] for c in range(1, ws.max_column + 1)] for r in range(2, 2 + len(head))] == head
    ws = wb["三、收到和处理（各机关）"]
    assert {str(r) for r in ws.merged_cells.ranges} == APPS_MERGES
    values = merged_values(ws)
    assert [values[(r, 4)] for r in (2, 3, 4)] == ["一、本年新收政府信息公开申请数量"] * 3
    assert [values[(r, 8)] for r in (2, 3, 4)] == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    assert [values[(r, 26)] for r in (2, 3, 4)] == ["三、本年度办理结果", "（六）其他处理", "3.其他"]
    assert [values[(r, 27)] for r in (3, 4)] == ["（七）总计", "（七）总计"]
    assert values[(2, 28)] == "四、结转下年度继续办理" and values[(4, 3)] == "申请人"
    # 21 agencies built (98-有错误.yaml failed: it has no figures, it is on 各机关 only); 7 rows each on 三
    assert ws.max_row == 4 + 21 * 7 and wb["二、主动公开（各机关）"].max_row == 3 + 21
    assert wb["二、主动公开（各机关）"]["A1"].value == "二、主动公开政府信息情况（各机关）"
    assert not any(r[0].value and "有错误" in str(r[0].value) for r in ws.iter_rows(min_row=5))


def test_an_agencys_rows_hold_its_facts(built):
    """示例区发展和改革局 (the first file): its figures worked out here from its facts (tests/agencies.py)."""
    out, datas = built
    data = datas[0]
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    name = "示例区发展和改革局"

    def rows_of(sheet: str, top: int) -> list[list]:
        return [[c.value for c in r] for r in wb[sheet].iter_rows(min_row=top) if r[0].value == name]

    active = data["active_disclosure"]
    [row] = rows_of("二、主动公开（各机关）", 4)
    docs = active["normative_documents"]
    assert row[:11] == [name, 2025, 0, 0, 0, docs["issued"], docs["repealed"], docs["in_force"],
                        active["licensing"], active["penalty"], active["enforcement"]]
    assert Decimal(str(row[11])) == active["fees"]
    reviews = data["review_litigation"]
    [row] = rows_of("四、复议诉讼（各机关）", 5)
    expected = [name, 2025]
    for key in ("review", "direct_suit", "suit_after_review"):
        four = [reviews[key][k] for k in ("upheld", "corrected", "other", "pending")]
        expected += four + [sum(four)]
    assert row == expected
    apps = data["applications"]
    columns = [apps["new"], apps["carried_over"]]
    for path in RESULT_PATHS:
        target = apps
        for part in path:
            target = target[part]
        columns.append(target)
    results = [sum(col[i] for col in columns[2:]) for i in range(6)]  # （七）总计, by applicant
    columns += [results, apps["carried_forward"]]
    block = rows_of("三、收到和处理（各机关）", 5)
    assert [r[2] for r in block] == APPLICANT_ROWS
    for i, row in enumerate(block[:6]):
        assert row[:2] == [name, 2025] and row[3:] == [col[i] for col in columns], APPLICANT_ROWS[i]
    assert block[6][3:] == [sum(col) for col in columns]  # 总计: the row of the table's 总计 column
    assert block[6][3] == sum(apps["new"]) and wb["三、收到和处理（各机关）"].cell(5 + 6, 4).font.b


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_repeated(built):
    out, _ = built
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    titles = {"各机关": ("$1:$1", "C2"), "二、主动公开（各机关）": ("$2:$3", "C4"),
              "三、收到和处理（各机关）": ("$2:$4", "D5"), "四、复议诉讼（各机关）": ("$2:$4", "C5")}
    for ws in wb.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.page_setup.paperSize == 9, ws.title
        if ws.title in titles:
            assert ws.page_setup.orientation == "landscape", ws.title
            assert (ws.print_title_rows, ws.freeze_panes) == titles[ws.title], ws.title
    assert wb["二、主动公开（合计）"].page_setup.orientation == "portrait"  # four columns, as the report prints it


def test_a_ten_agency_roll_up_prints_on_few_pages(tmp_path):
    """Before issue 22 the 208-column agency sheet alone printed on about 50 pages (56 in all for 10
    agencies). Now, printed by LibreOffice: 各机关 1 page, 二 1, 三 (70 rows) 3, 四 1, the sums 3."""
    from pypdf import PdfReader

    folder = tmp_path / "district"
    write_district(folder, 10)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--jobs", "1"]) == 0
    soffice = find_soffice()
    assert soffice, "LibreOffice is required (scripts/install-system-deps.sh)"
    done = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out / "汇总.xlsx")],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pages = len(PdfReader(tmp_path / "汇总.pdf").pages)
    assert pages <= 10, pages
