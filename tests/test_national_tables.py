"""Golden tests of the national format (国办公开办函〔2021〕30号): every cell of the three tables,
labels typed here from the reference (statutory-format.md §2), numbers from data/example-2025.yaml."""

from __future__ import annotations

import docx
import pytest
from conftest import DATA

from docxutil import NS, paragraph_texts, q
from reportgen import build_report

EXAMPLE = DATA / "example-2025.yaml"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("national") / "example.docx"
    build_report(EXAMPLE, out)
    return out


@pytest.fixture(scope="module")
def tables(report):
    return docx.Document(str(report)).tables


def grid(table) -> list[list[str]]:
    """Cell texts row by row, without the line breaks put between a header's words; a merged cell
    repeats its text in every grid position it covers."""
    return [[cell.text.replace("\n", "") for cell in row.cells] for row in table.rows]


def test_narrow_headers_break_between_words(tables):
    """商业/企业, 法律服务/机构 as published tables print them, never 商业企/业 (the 11 mm columns hold
    three characters of 小五 a line: each line here is at most two)."""
    header = [cell.text for cell in tables[1].rows[2].cells[4:9]]
    assert header == ["商业\n企业", "科研\n机构", "社会\n公益\n组织", "法律\n服务\n机构", "其他"]


def spans(table) -> list[list[tuple[int, str | None]]]:
    """(gridSpan, vMerge) of each real cell, row by row: how Word will merge them."""
    out = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = pr.find(q("w:gridSpan")) if pr is not None else None
            vmerge = pr.find(q("w:vMerge")) if pr is not None else None
            row.append((int(span.get(q("w:val"))) if span is not None else 1,
                        None if vmerge is None else (vmerge.get(q("w:val")) or "continue")))
        out.append(row)
    return out


def test_six_sections_in_order(report):
    headings = [t for s, t in paragraph_texts(report) if s == "Heading 1"]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    subheadings = [t for s, t in paragraph_texts(report) if s == "Heading 2"]
    assert subheadings == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]


EXPECTED_ACTIVE = [
    ["第二十条第（一）项"] * 4,
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "0", "0", "0"],
    ["行政规范性文件", "5", "3", "43"],
    ["第二十条第（五）项"] * 4,
    ["信息内容"] + ["本年处理决定数量"] * 3,
    ["行政许可"] + ["1386"] * 3,
    ["第二十条第（六）项"] * 4,
    ["信息内容"] + ["本年处理决定数量"] * 3,
    ["行政处罚"] + ["93"] * 3,
    ["行政强制"] + ["9"] * 3,
    ["第二十条第（八）项"] * 4,
    ["信息内容"] + ["本年收费金额（单位：万元）"] * 3,
    ["行政事业性收费"] + ["42.15"] * 3,
]
OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
EXPECTED_REVIEWS = [
    ["行政复议"] * 5 + ["行政诉讼"] * 10,
    OUTCOMES + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
    OUTCOMES + OUTCOMES + OUTCOMES,
    ["3", "1", "1", "1", "6", "1", "0", "0", "1", "2", "1", "0", "0", "0", "1"],
]


def test_active_disclosure_table(tables):
    assert grid(tables[0]) == EXPECTED_ACTIVE
    merged = spans(tables[0])
    for title_row in (0, 4, 7, 11):
        assert merged[title_row] == [(4, None)]
    for header_row in (5, 8, 12):
        assert merged[header_row] == [(1, None), (3, None)]


COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
R = "三、本年度办理结果"
EXPECTED_APPS = [
    [NOTE] * 3 + ["申请人情况"] * 7,
    [NOTE] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"],
    [NOTE] * 3 + COLS,
    ["一、本年新收政府信息公开申请数量"] * 3 + ["64", "8", "1", "2", "3", "1", "79"],
    ["二、上年结转政府信息公开申请数量"] * 3 + ["3", "1", "0", "0", "0", "0", "4"],
    [R] + ["（一）予以公开"] * 2 + ["25", "3", "0", "1", "1", "0", "30"],
    [R] + ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] * 2 + ["6", "1", "0", "0", "1", "0", "8"],
    [R, "（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
    [R, "（三）不予公开", "2.其他法律行政法规禁止公开", "1", "0", "0", "0", "0", "0", "1"],
    [R, "（三）不予公开", "3.危及“三安全一稳定”", "0", "0", "0", "0", "0", "0", "0"],
    [R, "（三）不予公开", "4.保护第三方合法权益", "2", "0", "0", "0", "0", "0", "2"],
    [R, "（三）不予公开", "5.属于三类内部事务信息", "1", "0", "0", "0", "0", "0", "1"],
    [R, "（三）不予公开", "6.属于四类过程性信息", "2", "1", "0", "0", "0", "0", "3"],
    [R, "（三）不予公开", "7.属于行政执法案卷", "1", "0", "0", "0", "0", "0", "1"],
    [R, "（三）不予公开", "8.属于行政查询事项", "1", "0", "0", "0", "0", "0", "1"],
    [R, "（四）无法提供", "1.本机关不掌握相关政府信息", "12", "2", "1", "1", "1", "0", "17"],
    [R, "（四）无法提供", "2.没有现成信息需要另行制作", "3", "0", "0", "0", "0", "0", "3"],
    [R, "（四）无法提供", "3.补正后申请内容仍不明确", "1", "0", "0", "0", "0", "0", "1"],
    [R, "（五）不予处理", "1.信访举报投诉类申请", "3", "0", "0", "0", "0", "0", "3"],
    [R, "（五）不予处理", "2.重复申请", "2", "0", "0", "0", "0", "0", "2"],
    [R, "（五）不予处理", "3.要求提供公开出版物", "1", "0", "0", "0", "0", "0", "1"],
    [R, "（五）不予处理", "4.无正当理由大量反复申请", "0", "0", "0", "0", "0", "0", "0"],
    [R, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "1", "0", "0", "0", "0", "0", "1"],
    [R, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     "2", "0", "0", "0", "0", "1", "3"],
    [R, "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "0", "0", "0", "0", "0", "0", "0"],
    [R, "（六）其他处理", "3.其他", "1", "0", "0", "0", "0", "0", "1"],
    [R] + ["（七）总计"] * 2 + ["65", "7", "1", "2", "3", "1", "79"],
    ["四、结转下年度继续办理"] * 3 + ["2", "2", "0", "0", "0", "0", "4"],
]


def test_applications_table_every_cell(tables):
    rows = grid(tables[1])
    assert len(rows) == 28
    for number, (got, want) in enumerate(zip(rows, EXPECTED_APPS)):
        assert got == want, f"row {number}"


def test_applications_table_merges(tables):
    merged = spans(tables[1])
    assert merged[0] == [(3, "restart"), (7, None)]
    assert merged[1] == [(3, "continue"), (1, "restart"), (5, None), (1, "restart")]
    assert merged[2] == [(3, "continue"), (1, "continue")] + [(1, None)] * 5 + [(1, "continue")]
    assert merged[3][0] == (3, None) and merged[27][0] == (3, None)
    assert merged[5][:2] == [(1, "restart"), (2, None)]  # 三、本年度办理结果 starts; （一） spans 2
    assert all(row[0] == (1, "continue") for row in merged[6:27])
    assert merged[7][1] == (1, "restart") and all(merged[r][1] == (1, "continue") for r in range(8, 15))
    assert merged[26][1] == (2, None)  # （七）总计


def test_applications_header_repeats_on_each_page(tables):
    trs = tables[1]._tbl.tr_lst
    assert [tr.trPr is not None and tr.trPr.find(q("w:tblHeader")) is not None for tr in trs[:4]] == [True, True, True, False]


def test_review_litigation_table(tables):
    assert grid(tables[2]) == EXPECTED_REVIEWS
    merged = spans(tables[2])
    assert merged[0] == [(5, None), (10, None)]
    assert merged[1] == [(1, "restart")] * 5 + [(5, None), (5, None)]
    assert merged[2] == [(1, "continue")] * 5 + [(1, None)] * 10


def test_numbers_are_centred_and_tables_fit_the_text_width(report):
    from docxutil import part

    doc = part(report, "word/document.xml")
    for tbl in doc.iterfind(".//w:tbl", NS):
        widths = [int(c.get(q("w:w"))) for c in tbl.iterfind("w:tblGrid/w:gridCol", NS)]
        assert abs(sum(widths) - 156 * 1440 / 25.4) < 30  # 156 mm text block, in twips
    styles = part(report, "word/styles.xml")
    table_text = next(s for s in styles.iterfind("w:style", NS) if s.find("w:name", NS).get(q("w:val")) == "表格文字")
    assert table_text.find("w:pPr/w:jc", NS).get(q("w:val")) == "center"


def test_every_cell_is_printed_zero_is_0(tables):
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                assert cell.text.strip() != ""


def test_narrative_states_table_figures_by_reference(report):
    body = "\n".join(t for s, t in paragraph_texts(report) if s == "Normal")
    assert "全年新收政府信息公开申请79件，上年结转4件。已办结79件，其中予以公开30件、部分公开8件、不予公开9件" in body
    assert "被申请行政复议6件" in body
    assert body.rstrip().endswith("本年度未收取信息处理费。我局无其他需要报告的事项。")  # fee 0: none charged
    assert paragraph_texts(report)[-1] == ("成文日期", "2026年1月20日")
