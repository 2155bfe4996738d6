"""Recognition in small: headings, points, titles, dates, and the statutory tables read by label
whatever the merges and spacing (pure functions, hand-checked expectations)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reportgen.importer import statutory, structure
from reportgen.importer.document import Cell, Table, clean, label_key, number_text


@pytest.mark.parametrize("text, style, expected", [
    ("一、总体情况", "一、", ("一、", 1, "总体情况", "")),
    ("十二、其他", "一、", ("一、", 12, "其他", "")),
    ("（三）政府信息管理", "（一）", ("（一）", 3, "政府信息管理", "")),
    ("(三)政府信息管理", "（一）", ("（一）", 3, "政府信息管理", "")),
    ("2.加强培训", "1.", ("1.", 2, "加强培训", "")),
    ("3、加强培训", "1、", ("1、", 3, "加强培训", "")),
    ("五、政府信息公开工作存在的主要问题及改进情况。", "一、", ("一、", 5, "政府信息公开工作存在的主要问题及改进情况。", "")),
    # run in: a heading with its text in the same paragraph
    ("（一）主动公开情况。全年主动公开信息158条。", "（一）", ("（一）", 1, "主动公开情况", "全年主动公开信息158条。")),
    ("2.加强对工作人员的业务培训，不断提高业务素质。", "1.", None),  # a numbered sentence
    ("2023年，区政府办公室……", "1.", None),
    ("一是加强领导", "一、", None),
])
def test_headings(text: str, style: str, expected) -> None:  # type: ignore[no-untyped-def]
    h = structure.head_of(text, style)
    assert (None if h is None else (h.style, h.number, h.heading, h.body)) == expected


def test_a_run_of_headings_numbered_out_of_order_stays_text() -> None:
    lead, found, style = structure.parts(["导语", "一、甲", "正文", "三、丙", "二、乙", "（一）子", "内容"],
                                         tuple(structure.STYLE_PATTERNS))
    assert lead == ["导语"] and style == "一、"
    assert [(p.head.number, p.head.heading) for p in found] == [(1, "甲"), (2, "乙")]
    assert found[0].body == ["正文", "三、丙"]  # 三、 before 二、: kept as typed
    assert found[1].child_style == "（一）" and found[1].children[0].body == ["内容"]


def test_numbered_sentences_are_points_not_headings() -> None:
    items = ["1.切实抓好信息报送工作。不断提高知晓率。", "2.加强业务培训，不断提高业务素质。"]
    assert structure.parts(items, tuple(structure.STYLE_PATTERNS))[1] == []
    assert structure.paragraphs(items) == [
        {"points": ["切实抓好信息报送工作。不断提高知晓率。", "加强业务培训，不断提高业务素质。"], "style": "1."}]


def test_points() -> None:
    assert structure.paragraphs(["一是甲。", "二是乙。", "三是丙。", "其他。"]) == [
        {"points": ["甲。", "乙。", "丙。"]}, "其他。"]
    assert structure.paragraphs(["存在问题：一是甲；二是乙。下一步，将改进。"]) == [
        {"lead": "存在问题：", "inline_points": ["甲；", "乙。"], "tail": "下一步，将改进。"}]
    # 统一是 is no point; one point alone is text as typed
    assert structure.paragraphs(["要做到标准统一是关键。", "一是甲。"]) == ["要做到标准统一是关键。", "一是甲。"]


@pytest.mark.parametrize("title, expected", [
    ("示例市示例局2025年度政府信息公开工作年度报告", ("示例市示例局", 2025, True)),
    ("国家税务总局南江市税务局2023年政府信息公开工作年度报告", ("国家税务总局南江市税务局", 2023, False)),
    ("2023年北山区人民政府政府信息公开工作年度报告", ("北山区人民政府", 2023, False)),
    ("关于做好政务公开工作的通知", ("", None, False)),
])
def test_titles(title: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert structure.parse_title(title) == expected


@pytest.mark.parametrize("text, expected", [
    ("2024年1月18日", (dt.date(2024, 1, 18), "arabic")),
    ("2024 年 1 月 18 日", (dt.date(2024, 1, 18), "arabic")),
    ("二〇一三年三月十五日", (dt.date(2013, 3, 15), "chinese")),
    ("二○一三年三月十五日", (dt.date(2013, 3, 15), "chinese")),  # ○ typed for 〇
    ("2024年2月30日", None),
    ("2024年全年", None),
])
def test_dates(text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert structure.parse_date(text) == expected


def test_cells_and_labels() -> None:
    assert label_key("总  计") == label_key("总计")
    assert label_key("(二)部分公开") == label_key("（二）部分公开")
    assert label_key("1、属于国家秘密") == label_key("1.属于国家秘密")
    assert [number_text(x) for x in ("1,234", "１２", " 7 ", "", "/", "—", "自然人", "1.属于")] == [
        "1234", "12", "7", "", "", "", None, None]
    assert clean("2023 年，区 政府\n办公室 ABC  def") == "2023年，区政府办公室ABC def"


def _table(rows: list[list[str]]) -> Table:
    """A grid where equal neighbouring label texts are one merged cell."""
    grid: list[list[Cell]] = []
    for r, row in enumerate(rows):
        out: list[Cell] = []
        for c, text in enumerate(row):
            if c and text == row[c - 1] and number_text(text) is None:
                out.append(out[-1])
            elif r and c < len(grid[-1]) and text == rows[r - 1][c] and number_text(text) is None:
                out.append(grid[-1][c])
            else:
                out.append(Cell(text))
        grid.append(out)
    return Table(grid)


def test_the_2019_trial_active_table_is_read_with_a_warning_saying_what_was_assumed() -> None:
    table = _table([
        ["第二十条第（一）项", "第二十条第（一）项", "第二十条第（一）项", "第二十条第（一）项"],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "0"],
        ["规范性文件", "3", "3", "27"],
        ["第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项", "第二十条第（五）项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "12", "0", "340"],
        ["其他对外管理服务事项", "0", "0", "0"],
        ["第二十条第（六）项", "第二十条第（六）项", "第二十条第（六）项", "第二十条第（六）项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政处罚", "30", "0", "85"],
        ["行政强制", "5", "0", "2"],
    ])
    assert statutory.kind(table) == "active"
    read = statutory.read_active(table)
    assert read.trial_2019
    assert read.data == {"regulations": {"issued": 0, "repealed": 0, "in_force": 0},
                         "normative_documents": {"issued": 3, "repealed": 0, "in_force": 27},
                         "licensing": 340, "penalty": 85, "enforcement": 2, "fees": Decimal(0)}
    assert "2019 年试行格式" in read.warnings[0] and "本年废止件数记作 0" in read.warnings[0]


def test_the_review_table_by_its_header_whatever_the_column_order() -> None:
    head = ["行政复议"] * 5 + ["行政诉讼"] * 10
    sub = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总 计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总 计"]
    table = _table([head, sub, outcomes + outcomes + outcomes,
                    ["6", "2", "1", "2", "0", "1", "", "", "", "1", "", "", "", "", ""]])
    read = statutory.read_reviews(table)
    assert read.data["review"] == [6, 2, 1, 2, 0]  # the typed 总计 0 is kept for the check
    assert read.data["direct_suit"] == [1, 0, 0, 0, 1]
    assert read.data["suit_after_review"] == [0, 0, 0, 0, None]
    assert read.blanks == 7


def _numbered_docx(path) -> None:  # type: ignore[no-untyped-def]
    """A narrative report whose headings Word numbers by itself (a list: 一、 and （一）, the numbers
    in no run), as offices that use Word's numbering button have them."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
        '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    doc.add_paragraph("青山县文化局2012年度政府信息公开工作年度报告")
    numbered("概述", 0)
    doc.add_paragraph("2012年，我局认真贯彻落实《条例》。")
    numbered("主要问题及改进", 0)
    numbered("存在的主要问题", 1)
    doc.add_paragraph("信息公开内容不够深化。")
    numbered("改进措施", 1)
    doc.add_paragraph("加强业务培训。")
    doc.add_paragraph("青山县文化局")
    doc.add_paragraph("二〇一三年三月十五日")
    doc.save(path)


def test_headings_numbered_by_word_read_as_typed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reportgen.importer import import_document, read_document
    from reportgen.importer.numbering import format_number

    _numbered_docx(tmp_path / "numbered.docx")
    texts = [b.text for b in read_document(tmp_path / "numbered.docx")]
    assert texts[1:7] == ["一、概述", "2012年，我局认真贯彻落实《条例》。", "二、主要问题及改进", "（一）存在的主要问题",
                          "信息公开内容不够深化。", "（二）改进措施"]
    data = import_document(tmp_path / "numbered.docx").data
    assert [s["heading"] for s in data["sections"]] == ["概述", "主要问题及改进"]
    assert [s["heading"] for s in data["sections"][1]["subsections"]] == ["存在的主要问题", "改进措施"]
    assert [format_number(n, f) for n, f in ((11, "chineseCounting"), (3, "ideographTraditional"), (2, "decimalEnclosedCircleChinese"),
                                             (4, "upperRoman"), (12, "decimalFullWidth"))] == ["十一", "丙", "②", "IV", "１２"]


def test_a_unit_typed_in_a_cell_is_still_a_number() -> None:
    assert [number_text(x) for x in ("3件", "12 项", "42.15万元", "3件申请")] == ["3", "12", "42.15", None]


def test_an_active_table_typed_as_four_tables_is_read_as_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Some offices type each block of 二、主动公开政府信息情况 as a table of its own."""
    import docx

    from reportgen.importer import import_document

    doc = docx.Document()
    doc.add_paragraph("某县某局2023年度政府信息公开工作年度报告")
    doc.add_paragraph("二、主动公开政府信息情况")
    blocks = [
        [["第二十条第（一）项"] * 4, ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"],
         ["行政规范性文件", "2", "1", "15"]],
        [["第二十条第（五）项"] * 2, ["信息内容", "本年处理决定数量"], ["行政许可", "120"]],
        [["第二十条第（六）项"] * 2, ["信息内容", "本年处理决定数量"], ["行政处罚", "33"], ["行政强制", "4件"]],
        [["第二十条第（八）项"] * 2, ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "1.5"]],
    ]
    for rows in blocks:
        table = doc.add_table(rows=len(rows), cols=len(rows[1]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row[:len(rows[1])]):
                table.cell(r, c).text = text
    doc.add_paragraph("2024年1月10日")
    doc.save(tmp_path / "four.docx")
    imp = import_document(tmp_path / "four.docx")
    assert imp.data["active_disclosure"] == {
        "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_documents": {"issued": 2, "repealed": 1, "in_force": 15},
        "licensing": 120, "penalty": 33, "enforcement": 4, "fees": Decimal("1.5")}
