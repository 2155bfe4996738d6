"""Never a silent wrong number: every table read is cross-checked; what the reading cannot vouch for
is marked unsure (in the facts file and as its own kind of finding in `check`), and a report's own
slip stays a slip. The rule (reportgen.importer.crosscheck): a cell the reader doubted is unsure;
in a .docx/.html a failed sum is the report's slip; in a PDF it is unsure only when one cell alone
explains every failed sum and reads as a misplaced reading (digits joined or lost, a count lost)."""

from __future__ import annotations

from pathlib import Path

import pytest
from published_blocks import app_cells, applications_table, p, report, reviews_table

from reportgen.cli import main
from reportgen.importer import recognize as rec
from reportgen.importer.document import Cell
from reportgen.importer.review import check_report, rollup_row


@pytest.fixture
def reads(monkeypatch):  # type: ignore[no-untyped-def]
    """Make a path read as the given blocks (what a reader would return for it)."""
    given: dict[str, list] = {}
    monkeypatch.setattr(rec, "read_document", lambda path, **_: given[Path(path).name])

    def put(name: str, blocks: list, tmp_path: Path) -> Path:
        given[name] = blocks
        path = tmp_path / name
        path.write_bytes(b"")  # the file exists; its blocks are the ones given
        return path
    return put


def _wrapped_label_report() -> list:
    # a label wrapped over two lines joined the digits of two rows: 二、上年结转 自然人 2 read as 22
    cells = {"carried_over": [Cell("22")] + [Cell("0")] * 5 + [Cell("2")]}
    return report(applications=[p("三、收到和处理政府信息公开申请情况", bold=True), applications_table(cells)])


def test_a_wrong_digit_in_a_pdf_table_caught_by_the_sums_is_unsure_not_a_slip(reads, tmp_path: Path) -> None:
    check = check_report(reads("report.pdf", _wrapped_label_report(), tmp_path))
    codes = {f.code for f in check.findings}
    assert "ROWTOTAL" not in codes and "BALANCE" not in codes  # not the report's slips
    [unsure] = [f for f in check.findings if f.kind == "unsure"]
    assert "表“三、收到和处理政府信息公开申请情况”“二、上年结转政府信息公开申请数量”行“自然人”列" in unsure.message
    assert "读作 22" in unsure.message and "要求它是 2" in unsure.message
    assert unsure.format("report.pdf").startswith("report.pdf: 警告（读取没有把握）：")
    row = rollup_row(check)
    assert row["结果"] == "读取没有把握，待核对" and row["读取没有把握"] == "1" and row["报告中的问题"] == "0"
    assert check.imported is not None
    assert check.imported.data["applications"]["carried_over"][0] == 22  # the value as read, never corrected


def test_the_same_sums_failing_in_a_docx_are_the_report_s_slips(reads, tmp_path: Path) -> None:
    check = check_report(reads("report.docx", _wrapped_label_report(), tmp_path))
    assert {f.code for f in check.findings if f.kind == "report"} >= {"ROWTOTAL", "BALANCE"}
    assert not [f for f in check.findings if f.kind == "unsure"]
    assert rollup_row(check)["结果"] == "有错误"


def test_a_text_figure_disagreeing_with_a_cell_the_reader_doubted_is_part_of_the_unsure_reading(
        reads, tmp_path: Path) -> None:
    # the reader marked 一、本年新收 自然人 (read 3; the report says 30): the row total (36), the balance and
    # the text's 「全年新收政府信息公开申请36件」 all disagree with it
    cells = {"new": [Cell("3", unsure="数字可能不全（格子被裁切）"), *[Cell(x) for x in "40002"], Cell("36")]}
    blocks = report(applications=[p("三、收到和处理政府信息公开申请情况", bold=True), applications_table(cells)])
    check = check_report(reads("report.pdf", blocks, tmp_path))
    assert not [f for f in check.findings if f.code in ("TEXT", "ROWTOTAL", "BALANCE")]
    [unsure] = [f for f in check.findings if f.kind == "unsure"]
    assert "“一、本年新收政府信息公开申请数量”行“自然人”列" in unsure.message
    assert "数字可能不全（格子被裁切）" in unsure.message and "正文写的是 36" in unsure.message


def test_a_total_left_0_in_a_pdf_stays_the_report_s_slip(reads, tmp_path: Path) -> None:
    # the real slip of a 2023 district report: 行政复议 总计 0 while its outcomes add up to 5
    values = [Cell(v) for v in ["3", "1", "0", "1", "0", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"]]
    blocks = report(reviews=[p("四、政府信息公开行政复议、行政诉讼情况", bold=True), reviews_table(values)])
    check = check_report(reads("report.pdf", blocks, tmp_path))
    [slip] = [f for f in check.findings if f.code == "REVIEWTOTAL"]
    assert slip.kind == "report" and "填的是 0" in slip.message
    assert not [f for f in check.findings if f.kind == "unsure"]


def test_a_table_not_found_is_blank_and_an_error_never_zeros(reads, tmp_path: Path, capsys, monkeypatch) -> None:
    blocks = report(applications=[p("三、收到和处理政府信息公开申请情况", bold=True)])
    path = reads("report.pdf", blocks, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(path), "-o", "out.yaml"]) == 1
    captured = capsys.readouterr()
    err = captured.err
    assert "导入错误：没有找到表“三、收到和处理政府信息公开申请情况”：表中各项留空，请对照原报告填写。" in err
    text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert "  new: {natural: , business: , research: , nonprofit: , legal: , other: }" in text
    assert "# 导入：原报告中没有找到这张表" in text
    assert "new: [0, 0" not in text
    # the table's 24 rows (上年结转 too) × 6 columns are blanks to fill, listed by row, not 144 error messages
    new = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.startswith("  new: {natural: , business: "))
    assert "out.yaml: 还有 144 处待填：以下各处还没有填写" in err and f"    第{new}行 一、本年新收政府信息公开申请数量\n" in err
    assert "检查结果：还有 144 处待填，0 个错误" in captured.out

    check = check_report(path)
    [error] = check.errors
    assert error.kind == "unsure" and error.message == "没有找到表“三、收到和处理政府信息公开申请情况”：表中的数没有检查，请对照原报告。"
    assert not [f for f in check.findings if f.code in ("BALANCE", "RESULTS", "ROWTOTAL", "INTERNAL", "TEXT")]


def test_every_cell_read_by_ocr_is_one_mark_for_the_table(tmp_path: Path) -> None:
    why = "扫描件经文字识别（OCR）读出"
    cells = {key: [Cell(c.text, unsure=why) for c in app_cells(key, values)]
             for key, values in {"new": [30, 4, 0, 0, 0, 2], "carried_over": [2, 0, 0, 0, 0, 0]}.items()}
    blocks = report(reviews=[p("四、政府信息公开行政复议、行政诉讼情况", bold=True),
                             reviews_table([Cell(c.text, unsure=why) for c in reviews_table().rows[-1]])],
                    applications=[p("三、收到和处理政府信息公开申请情况", bold=True), applications_table(cells)])
    imp = rec.recognize(blocks, Path("scan.pdf"))
    assert imp.data["unsure"]["review_litigation"] == why  # 15 cells, one entry
    assert imp.data["unsure"]["applications.new.natural"] == why  # a few cells: one entry each
    assert len([k for k in imp.data["unsure"] if k.startswith("applications.")]) == 14


def test_the_import_writes_the_marks_and_check_of_the_facts_file_warns(reads, tmp_path: Path, capsys,
                                                                       monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(reads("report.pdf", _wrapped_label_report(), tmp_path)), "-o", "out.yaml"]) == 0
    text = (tmp_path / "out.yaml").read_text(encoding="utf-8")
    assert "unsure:\n  applications.carried_over.natural: 以 PDF 版面推断的格子读作 22，表中合计要求它是 2\n" in text
    capsys.readouterr()
    assert main(["check", "out.yaml"]) == 1  # the row as read does not add up: ROWTOTAL, BALANCE …
    err = capsys.readouterr().err
    assert "读取没有把握（UNSURE）：表“三、收到和处理政府信息公开申请情况”“二、上年结转政府信息公开申请数量”行“自然人”列" in err


def test_check_of_a_report_with_an_unsure_reading_never_says_plain_pass(reads, tmp_path: Path, capsys) -> None:
    path = reads("report.pdf", _wrapped_label_report(), tmp_path)
    assert main(["check", str(path)]) == 0  # a warning: --strict fails on it
    out = capsys.readouterr()
    assert "读取没有把握，待核对：0 个错误，1 个警告（其中 1 处读取没有把握：请对照原报告核对）" in out.out
    assert "检查通过" not in out.out
    assert main(["check", str(path), "--strict"]) == 1


def test_a_table_found_with_no_figure_read_is_blank_and_an_error(tmp_path: Path) -> None:
    header_only = reviews_table()
    header_only.rows = header_only.rows[:-1]  # the PDF's figures were not read into the grid
    blocks = report(reviews=[p("四、政府信息公开行政复议、行政诉讼情况", bold=True), header_only])
    imp = rec.recognize(blocks, Path("report.pdf"))
    assert imp.data["review_litigation"]["review"] == {"upheld": None, "corrected": None, "other": None, "pending": None}
    assert imp.errors == ["表“四、政府信息公开行政复议、行政诉讼情况”找到了，但表中的数一个也没有读出：表中各项留空，请对照原报告填写。"]


def _partial_total(total: Cell) -> list:
    # （二）部分公开 5 + 1 = 6, its 总计 typed as `total`; （七）总计 stays 34 = 23 + 6 + 5 (published_blocks)
    cells = {"partially_granted": [Cell("5"), Cell("1"), *[Cell("0") for _ in range(4)], total]}
    return report(applications=[p("三、收到和处理政府信息公开申请情况", bold=True), applications_table(cells)])


def test_a_row_total_typed_wrong_breaks_the_printed_total_column_too(reads, tmp_path: Path) -> None:
    """RESULTS in the 总计 column as printed (statutory-format.md §3: c is any value column, 总计
    included): the results' typed 总计 add up to 23 + 5 + 5 = 33, （七）总计 says 34. The facts file
    computes row totals, so only the check of the published report can see it; it says where it
    comes from."""
    check = check_report(reads("report.docx", _partial_total(Cell("5")), tmp_path))
    slips = {f.code: f for f in check.findings if f.kind == "report"}
    assert "ROWTOTAL" in slips and "填的是 5" in slips["ROWTOTAL"].message
    results = slips["RESULTS"].message
    assert "（一）至（六）各行的“总计”相加为 33，但“（七）总计”填的是 34" in results
    assert "由“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行的“总计”填错而来" in results
    right = check_report(reads("right.docx", _partial_total(Cell("6")), tmp_path))
    assert not [f for f in right.findings if f.code in ("RESULTS", "ROWTOTAL")]


def test_a_row_total_the_pdf_reader_doubted_accounts_for_the_printed_column_too(reads, tmp_path: Path) -> None:
    check = check_report(reads("report.pdf", _partial_total(Cell("5", unsure="数字压在表格线上，可能属于相邻单元格")),
                               tmp_path))
    assert not [f for f in check.findings if f.code in ("RESULTS", "ROWTOTAL")]
    [unsure] = [f for f in check.findings if f.kind == "unsure"]
    assert "“（二）部分公开" in unsure.message and "数字压在表格线上" in unsure.message


def test_an_unsure_finding_asks_for_the_check_once() -> None:
    """The readers end their notes with 请核对; the finding said it twice (…OCR 识别，请核对。请对照原报告核对。)."""
    from pathlib import Path

    from reportgen.importer.imported import Imported
    from reportgen.importer.review import _unsure_findings

    imp = Imported(Path("x.pdf"), {"format": "national-2021"})
    imp.unsure["active_disclosure.licensing"] = "OCR 识别，请核对"
    [finding] = _unsure_findings(imp)
    assert finding.message.endswith("没有把握读对：OCR 识别。请对照原报告核对。"), finding.message
    assert finding.message.count("核对") == 1
