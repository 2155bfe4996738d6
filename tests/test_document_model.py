"""The document model as offices write reports (issue 10): numbering styles per level, run-in
headings, numbered body paragraphs, paragraphs split at blank lines, the preamble and the national
sections in the office's words, the signature block, the title's lines, derived figures, amounts
as typed, table notes and the narrative `requests` block. Each test builds a .docx and reads what a
reader sees: texts, paragraph styles and the fonts of run-in heads."""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx
import pytest
from conftest import DATA

from docxutil import paragraph_texts
from reportgen import FactsError, build_report, check

NARRATIVE = """\
format: narrative-2011
agency: {name: 某某县某某局, short_name: 县某某局, self_name: 我局}
year: 2012
signed: 2013-03-10
"""


def write(tmp_path: Path, text: str, name: str = "facts.yaml") -> Path:
    """Write a facts file: the header as it is, the indented body below it dedented."""
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.startswith(" " * 8)), len(lines))
    path = tmp_path / name
    path.write_text("".join(lines[:first]) + textwrap.dedent("".join(lines[first:])), encoding="utf-8")
    return path


def build(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    out = tmp_path / "out.docx"
    build_report(write(tmp_path, text), out)
    return paragraph_texts(out)


def national(body: str) -> str:
    """The national example with its prose replaced by `body` (its tables and fee kept)."""
    example = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    tables = example[example.index("active_disclosure:"):example.index("problems:")]
    head = example[:example.index("overview:")]
    return head + textwrap.dedent(body) + "\n" + tables + "processing_fee: 0\n"


def test_numbering_styles_per_level_and_per_section(tmp_path):
    paragraphs = build(tmp_path, NARRATIVE + """\
        numbering: {level2: （一）, level3: 1、}
        sections:
          - heading: 概述
            subsections:
              - heading: 组织领导
                subsections: [{heading: 领导小组}, {heading: 工作机构}]
          - heading: 主动公开情况
            numbering: {level2: "1."}
            subsections: [{heading: 公开内容}, {heading: 公开途径}]
        """)
    assert paragraphs[1:] == [
        ("Heading 1", "一、概述"), ("Heading 2", "（一）组织领导"),
        ("Heading 3", "1、领导小组"), ("Heading 3", "2、工作机构"),
        ("Heading 1", "二、主动公开情况"),
        # 1. at the second level prints in 仿宋, as a third-level heading does
        ("Heading 3", "1.公开内容"), ("Heading 3", "2.公开途径"),
    ] + paragraphs[-2:]


def test_run_in_headings_keep_the_heading_font(tmp_path):
    out = tmp_path / "out.docx"
    build_report(write(tmp_path, NARRATIVE + """\
        run_in: [2]
        sections:
          - heading: 概述
            subsections:
              - heading: 主动公开情况
                paragraphs: [全年主动公开信息12条。, 第二段。]
              - heading: 依申请公开情况：
                run_in: false
                paragraphs: [未收到申请。]
          - heading: 下一步工作
            run_in: true
            paragraphs: [继续努力。]
        """), out)
    body = [p for p in docx.Document(str(out)).paragraphs if p.text][1:-2]
    assert [(p.style.name, p.text) for p in body] == [
        ("Heading 1", "一、概述"),
        ("Normal", "（一）主动公开情况。全年主动公开信息12条。"),  # 。 added after a run-in heading
        ("Normal", "第二段。"),
        ("Heading 2", "（二）依申请公开情况："),
        ("Normal", "未收到申请。"),
        ("Normal", "二、下一步工作。继续努力。"),
    ]
    assert [r.style.name for r in body[1].runs if r.text] == ["接排标题 2", "Default Paragraph Font"]
    assert body[1].runs[0].text == "（一）主动公开情况。"
    assert body[5].runs[0].style.name == "接排标题 1"


def test_points_numbered_as_body_paragraphs(tmp_path):
    paragraphs = build(tmp_path, NARRATIVE + """\
        sections:
          - heading: 主要做法
            paragraphs:
              - points: [加强领导。成立领导小组。, 健全制度。]
                style: 1、
              - lead: 我们做到了：
                inline_points: [公开及时；, 内容准确。]
                style: 第一，
        """)
    assert [t for s, t in paragraphs[2:5]] == ["1、加强领导。成立领导小组。", "2、健全制度。", "我们做到了：第一，公开及时；第二，内容准确。"]
    assert all(s == "Normal" for s, _ in paragraphs[2:5])


def test_a_blank_line_in_a_block_starts_a_new_paragraph(tmp_path):
    paragraphs = build(tmp_path, NARRATIVE + """\
        sections:
          - heading: 概述
            paragraphs:
              - |
                第一段，写在
                两行里。

                第二段。
        """)
    assert [t for _, t in paragraphs[2:4]] == ["第一段，写在两行里。", "第二段。"]


def test_a_dash_folded_into_the_item_above_is_a_warning_at_its_place(tmp_path):
    facts = check(write(tmp_path, NARRATIVE + """\
        sections:
          - heading: 概述
            paragraphs:
              - 一是加强领导。
                 - 二是健全制度。
        """))
    [warning] = [w for w in facts.warnings if w.code == "LOSTITEM"]
    assert (warning.location.line, warning.location.column) == (9, 10)
    assert "“- ”" in warning.message


def test_signature_and_date_each_optional(tmp_path):
    paragraphs = build(tmp_path, NARRATIVE + "show_signature: false\nsections: [{heading: 概述}]\n")
    assert paragraphs[-1] == ("成文日期", "二〇一三年三月十日") and paragraphs[-2][0] != "落款"
    paragraphs = build(tmp_path, NARRATIVE + "show_date: false\nsections: [{heading: 概述}]\n")
    assert paragraphs[-1] == ("落款", "某某县某某局")
    paragraphs = build(tmp_path, NARRATIVE + "show_date: false\nshow_signature: false\nsections: [{heading: 概述}]\n")
    assert paragraphs[-1] == ("Heading 1", "一、概述")


def test_a_date_typed_in_chinese_numerals_prints_with_the_ideographic_zero(tmp_path):
    text = NARRATIVE.replace("2013-03-10", "二○一三年三月十日") + "sections: [{heading: 概述}]\n"
    facts = check(write(tmp_path, text))
    [warning] = [w for w in facts.warnings if w.code == "date-zero"]
    assert (warning.location.line, warning.location.column) == (4, 10)  # at the ○
    assert "U+25CB" in warning.message and "〇" in warning.message
    paragraphs = build(tmp_path, text.replace("format: narrative-2011", "format: narrative-2011\ndate_style: arabic"))
    assert paragraphs[-1] == ("成文日期", "2013年3月10日")
    paragraphs = build(tmp_path, text.replace("二○一三", "二〇一三"))
    assert paragraphs[-1] == ("成文日期", "二〇一三年三月十日")


def test_national_date_typed_in_chinese_prints_in_chinese(tmp_path):
    paragraphs = build(tmp_path, national("overview: {active: [甲。], requests: [乙。], management: [丙。], "
                                          "platforms: [丁。], oversight: [戊。]}\nproblems: [己。]\n")
                       .replace("signed: 2026-01-20", "signed: 二〇二六年一月二十日"))
    assert paragraphs[-1] == ("成文日期", "二〇二六年一月二十日")


def test_the_clerk_chooses_the_title_lines(tmp_path):
    paragraphs = build(tmp_path, NARRATIVE + """\
        title: ["{agency.name}{year}年", 政府信息公开工作年度报告]
        sections: [{heading: 概述}]
        """)
    assert paragraphs[0] == ("Title", "某某县某某局2012年\n政府信息公开工作年度报告")


def test_national_preamble_office_headings_subparts_and_notes(tmp_path):
    paragraphs = build(tmp_path, national("""\
        run_in: [2]
        numbering: {level3: 1、}
        preamble:
          - 根据《中华人民共和国政府信息公开条例》规定，编制本报告。
        overview:
          intro: ["{year}年，我局扎实推进政务公开。"]
          active:
            heading: 主动公开方面
            paragraphs: ["全年主动公开信息{counts.published}条。"]
            subsections:
              - {heading: 信息发布情况, paragraphs: [发布信息。]}
              - {heading: 解读情况, paragraphs: [解读政策。]}
          requests: ["全年新收申请{applications.new.total}件。"]
          management: [严格审查。]
          platforms: [优化网站。]
          oversight: [加强考核。]
        problems:
          subsections:
            - {heading: 存在的问题, paragraphs: [公开深度不够。]}
            - {heading: 改进措施, paragraphs: [加强培训。]}
        other_matters: [无其他需要报告的事项。]
        table_notes:
          applications: 注：本表数据含上年结转申请。
        """))
    texts = [(s, t) for s, t in paragraphs if s != "表格文字"]
    assert texts[1:8] == [
        ("Normal", "根据《中华人民共和国政府信息公开条例》规定，编制本报告。"),
        ("Heading 1", "一、总体情况"),
        ("Normal", "2025年，我局扎实推进政务公开。"),
        ("Normal", "（一）主动公开方面。全年主动公开信息1268条。"),
        ("Heading 3", "1、信息发布情况"),  # level 3 is not run in
        ("Normal", "发布信息。"),
        ("Heading 3", "2、解读情况"),
    ]
    assert ("Normal", "（二）依申请公开。全年新收申请79件。") in texts
    assert ("表注", "注：本表数据含上年结转申请。") in texts
    i = texts.index(("Heading 1", "五、存在的主要问题及改进情况"))
    assert texts[i + 1:i + 4] == [("Normal", "（一）存在的问题。公开深度不够。"), ("Normal", "（二）改进措施。加强培训。"),
                                  ("Heading 1", "六、其他需要报告的事项")]
    headings = [t for s, t in texts if s == "Heading 1"]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_a_missing_statutory_part_is_a_warning_naming_it(tmp_path):
    facts = check(write(tmp_path, national("overview: {active: [甲。], requests: [乙。], management: [丙。], "
                                           "platforms: [丁。]}\nproblems: [己。]\n")))
    [warning] = [w for w in facts.warnings if w.code == "PART"]
    assert "监督保障" in warning.message and "oversight" in warning.message


def test_derived_figures_are_computed_never_typed(tmp_path):
    paragraphs = build(tmp_path, NARRATIVE + """\
        counts:
          a: {label: 网站信息, value: 770, unit: 条}
          b: {label: 报送信息, value: 163, unit: 条}
        requests: {received: 12, granted: 9, partially_granted: 1, fees: 12.50}
        figures:
          total: {sum: [counts.a, counts.b]}
          share: {share: [requests.granted, requests.received], places: 2}
          rest: {difference: [requests.received, requests.granted]}
        sections:
          - heading: 概述
            paragraphs:
              - 共公开信息{figures.total}条；受理申请{requests.received}件，同意公开{requests.granted}件（占{figures.share}），其余{figures.rest}件；收费{requests.fees}元。
        """)
    assert paragraphs[2][1] == "共公开信息933条；受理申请12件，同意公开9件（占75.00%），其余3件；收费12.50元。"


def test_a_figure_that_cannot_be_computed_is_an_error_at_it(tmp_path):
    with pytest.raises(FactsError) as caught:
        check(write(tmp_path, NARRATIVE + """\
            requests: {received: 0, granted: 0}
            figures:
              share: {share: [requests.granted, requests.received]}
              typo: {sum: [requests.granted, requests.recieved]}
            sections: [{heading: 概述}]
            """))
    messages = {(p.location.line, p.message) for p in caught.value.problems}
    assert (7, "无法计算 {figures.share}：整体 requests.received 是 0，不能计算占比。") in messages
    assert (8, "无法计算 {figures.typo}：引用了不存在的数 requests.recieved。") in messages


def test_requests_block_labels_and_types(tmp_path):
    with pytest.raises(FactsError) as caught:
        check(write(tmp_path, NARRATIVE + "requests: {received: 3件, fees: 1.234}\nsections: [{heading: 概述}]\n"))
    found = sorted((p.path, p.label) for p in caught.value.problems)
    assert found == [("requests.fees", "收费（元）"), ("requests.received", "受理（收到）申请")]


def test_an_amount_keeps_the_precision_typed(tmp_path):
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8").replace("fees: 42.15", "fees: 1234.567891")
    out = tmp_path / "fee.docx"
    build_report(write(tmp_path, text), out)
    cells = [c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells]
    assert "1234.567891" in cells


REQUESTS = Path(__file__).parent / "fixtures" / "valid" / "narrative-requests-2013.yaml"


def test_requests_block_is_named_in_text_and_attachments_sum_their_columns(tmp_path):
    out = tmp_path / "requests.docx"
    build_report(REQUESTS, out)
    paragraphs = paragraph_texts(out)
    assert ("Normal", "全年受理政府信息公开申请15件，上年结转1件，办结15件。其中同意公开9件（占60.0%），同意部分公开2件，"
            "不予公开1件，信息不存在2件，非本机关职责范围1件；结转下年度1件。") in paragraphs
    # 附件说明 under the text (numbers of later lines under the first's), then signature and date,
    # then each attachment on a page of its own
    i = paragraphs.index(("落款", "某某市某某局"))
    assert [t.replace("\u3000", " ") for _, t in paragraphs[i - 2:i]] == [
        # 2. under 1. by its indent (tests/test_attachment_list.py), no longer by full-width spaces
        "附件：1.某某市某某局2013年政府信息公开情况统计表", "2.某某市某某局2013年依申请公开情况统计表"]
    assert paragraphs[i + 2:] == [
        # 20 characters by count, 20.4 wide with the gaps around 2013: it breaks at a word end
        ("附件标识", "附件1"), ("Title", "某某市某某局\n2013年政府信息公开情况统计表"),
        ("附件标识", "附件2"), ("Title", "某某市某某局2013年依申请公开情况统计表"),
        ("表注", "注：另有1件结转下年度办理。")]
    tables = docx.Document(str(out)).tables
    assert [[c.text for c in row.cells] for row in tables[0].rows] == [
        ["指标", "单位", "数量"], ["门户网站主动公开信息", "条", "356"], ["公开栏公开信息", "条", "48"], ["合计", "", "404"]]
    assert [[c.text for c in row.cells] for row in tables[1].rows][-1] == ["办结合计", "15"]  # 9+2+1+2+1
    styles = docx.Document(str(out)).styles
    assert styles["附件标识"].element.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pageBreakBefore") is not None


def test_attachment_row_of_the_wrong_width_is_an_error_at_it(tmp_path):
    text = REQUESTS.read_text(encoding="utf-8").replace('        - [公开栏公开信息, 条, "{counts.notice_board}"]',
                                                       '        - [公开栏公开信息, "{counts.notice_board}"]')
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        check(path)
    [problem] = caught.value.problems
    assert problem.code == "TABLESHAPE" and (problem.location.line, problem.location.column) == (59, 11)
    assert "2 格" in problem.message and "3 列" in problem.message


def test_attachment_totals_read_thousands_commas_and_name_a_cell_that_is_not_a_number(tmp_path):
    """1,000 + 268 is 1,268 (the column's total was left blank); 12件 in a column of numbers is named (a
    warning at the cell), since its column's total is left blank."""
    text = REQUESTS.read_text(encoding="utf-8")
    grouped = text.replace('"{counts.website}"]', '"1,000"]').replace('"{counts.notice_board}"]', '"268"]')
    path = tmp_path / "grouped.yaml"
    path.write_text(grouped, encoding="utf-8")
    out = tmp_path / "grouped.docx"
    build_report(path, out)
    assert [c.text for c in docx.Document(str(out)).tables[0].rows[-1].cells] == ["合计", "", "1,268"]
    path.write_text(text.replace('"{counts.notice_board}"]', '48条]'), encoding="utf-8")
    [warning] = [w for w in check(path).warnings if w.code == "TABLETOTAL"]
    assert (warning.location.line, warning.location.column) == (59, 24) and "“48条”" in warning.message


def test_an_attachment_cell_left_blank_is_printed_blank_and_adds_nothing(tmp_path):
    """Real statistics tables leave cells empty (no unit for a row, nothing to count): "" is a blank cell,
    printed blank; the total row sums the column's numbers (356 + 48 = 404). A cell left out (, ,) is
    still an error: that is a missing figure, not a blank."""
    text = REQUESTS.read_text(encoding="utf-8").replace(
        '        - [公开栏公开信息, 条, "{counts.notice_board}"]',
        '        - [公开栏公开信息, "", "{counts.notice_board}"]\n        - [其他, "", ""]')
    path = tmp_path / "blank.yaml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "blank.docx"
    build_report(path, out)
    rows = [[c.text for c in row.cells] for row in docx.Document(str(out)).tables[0].rows]
    assert rows == [["指标", "单位", "数量"], ["门户网站主动公开信息", "条", "356"], ["公开栏公开信息", "", "48"],
                    ["其他", "", ""], ["合计", "", "404"]]
    path.write_text(text.replace('[其他, "", ""]', '[其他, , ""]'), encoding="utf-8")
    with pytest.raises(FactsError):
        check(path)


def test_a_blank_count_named_in_a_totalled_table_is_one_message(tmp_path, capsys):
    """As `reportgen new` leaves it (value blank): its own message, no 内部错误 from adding up the table."""
    from reportgen.cli import main

    text = REQUESTS.read_text(encoding="utf-8").replace("value: 356, unit: 条", "value: , unit: 条")
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    # a blank, listed by its line (13 in the fixture) and named by the count's own label
    assert "内部错误" not in err and "还有 1 处待填" in err and "第13行 门户网站主动公开信息（数值）" in err
    assert "0 个错误" in err


@pytest.mark.parametrize("operand", [None, [], {}, [[]]])
def test_a_figure_operand_that_is_not_a_name_is_one_message(tmp_path, capsys, operand):
    """share: [null, requests.answered] (as a structural fuzz of the requests fixture wrote it, keys sorted):
    its schema message, never 内部错误 (AttributeError: 'NoneType' object has no attribute 'strip')."""
    import yaml

    from reportgen.cli import main

    data = yaml.safe_load(REQUESTS.read_text(encoding="utf-8"))
    data["figures"]["granted_share"]["share"][0] = operand
    path = tmp_path / "facts.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index("    share:") + 2  # the first item under share:
    assert "内部错误" not in err
    if operand is None:  # left empty: a blank to fill, listed by its line and name
        assert "还有 1 处待填" in err and f"第{line}行 引用的数" in err
    else:  # the Chinese name and line first, the key path last
        assert f"facts.yaml:{line}:7: 引用的数（第{line}行）：" in err and "〔figures.granted_share.share[0]〕" in err


def test_amounts_print_as_typed_up_to_six_decimals(tmp_path):
    paragraphs = build(tmp_path, NARRATIVE + """\
        amounts:
          budget: {label: 政府信息公开工作经费, value: 1234.567891, unit: 万元}
          spent: {label: 已支出, value: 0.5, unit: 万元}
        figures:
          left: {difference: [amounts.budget, amounts.spent]}
        sections:
          - heading: 概述
            paragraphs: ["全年经费{amounts.budget}万元，已支出{amounts.spent}万元，结余{figures.left}万元。"]
        """)
    assert paragraphs[2][1] == "全年经费1234.567891万元，已支出0.5万元，结余1234.067891万元。"
    with pytest.raises(FactsError) as caught:
        check(write(tmp_path, NARRATIVE + "amounts: {x: {label: 甲, value: 1.1234567}}\nsections: [{heading: 概述}]\n"))
    assert "最多 6 位小数" in caught.value.problems[0].message


def test_signing_indents_come_from_the_template(tmp_path, monkeypatch):
    """The right indents are template tags filled from the context, not only python-docx edits
    after rendering (render._apply_signing_indents, kept for templates made before)."""
    import zipfile

    import reportgen.render.render as render

    monkeypatch.setattr(render, "_apply_signing_indents", lambda doc, context: None)
    out = tmp_path / "r.docx"
    build_report(DATA / "example-2025.yaml", out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    # 示例市示例局 (6 characters) over 2026年1月20日 (7.7 characters as printed): the date keeps 2
    # characters from the margin, the signature 4 + 7.7 − 5.9 = 5.42 (test_signing_pdf measures it)
    assert '<w:pStyle w:val="落款"/><w:ind w:rightChars="542" w:right="1736"/>' in xml
    assert '<w:pStyle w:val="成文日期"/><w:ind w:rightChars="200" w:right="640"/>' in xml


def test_web_page_shows_run_in_heads_notes_and_attachments():
    from reportgen import check as load
    from reportgen.publish.html import render_html

    office = render_html(load(DATA / "example-office-2025.yaml"))
    assert '<p><span class="run-in-2">（一）主动公开。</span>全年通过示例县人民政府门户网站主动公开政府信息612条' in office
    assert '<p class="note">注：本表“上年结转”为2024年度结转至本年度办理的申请。</p>' in office
    page = render_html(load(REQUESTS))
    assert '<p class="attachment-list">附件：1.某某市某某局2013年政府信息公开情况统计表</p>' in page
    assert '<p class="attachment-label">附件1</p>' in page
    assert "<tr><td>合计</td><td></td><td>404</td></tr>" in page


def test_headings_numbered_1_may_print_bold(tmp_path):
    out = tmp_path / "bold.docx"
    build_report(write(tmp_path, NARRATIVE + """\
        bold_headings: [3]
        run_in: [3]
        sections:
          - heading: 概述
            subsections:
              - heading: 组织领导
                subsections:
                  - {heading: 领导小组, paragraphs: [成立领导小组。]}
          - heading: 做法
            numbering: {level2: "1."}
            subsections: [{heading: 公开内容}]
        """), out)
    body = [p for p in docx.Document(str(out)).paragraphs if p.text][1:-2]
    assert [(p.style.name, p.text) for p in body] == [
        ("Heading 1", "一、概述"), ("Heading 2", "（一）组织领导"), ("Normal", "1.领导小组。成立领导小组。"),
        ("Heading 1", "二、做法"), ("Heading 3", "1.公开内容")]
    assert body[2].runs[0].bold is True and body[2].runs[0].style.name == "接排标题 3"
    assert not body[2].runs[1].bold
    assert body[4].runs[0].bold is True
    assert not body[1].runs[0].bold  # （一） stays 楷体, not bold


def test_a_title_line_too_wide_is_a_warning_at_it(tmp_path):
    facts = check(write(tmp_path, NARRATIVE + """\
        title: [国家税务总局嘉兴市南湖区税务局第一税务所2023年度, 政府信息公开工作年度报告]
        sections: [{heading: 概述}]
        """))
    [warning] = [w for w in facts.warnings if w.code == "title-line"]
    assert warning.location.line == 5 and "24.4 字宽" in warning.message  # 20 + 2023 (2) + 年度 (2) + the gaps before and after 2023 (0.2 each)


def test_a_long_attachment_title_breaks_like_the_report_title(tmp_path):
    """An attachment's title is a 2号 title too (GB/T 9704 §7.3.4): longer than a line, it breaks at a
    word end with the shorter line first, never leaving a character or two alone."""
    facts = tmp_path / "requests-2013.yaml"
    facts.write_text(REQUESTS.read_text(encoding="utf-8").replace(
        '"{agency.name}{year}年政府信息公开情况统计表"', '"{agency.name}{year}年政府信息公开工作情况统计表（依申请公开部分）"'),
        encoding="utf-8")
    out = tmp_path / "requests.docx"
    build_report(facts, out)
    titles = [t for s, t in paragraph_texts(out) if s == "Title"]
    assert titles[1] == "某某市某某局2013年政府信息公开\n工作情况统计表（依申请公开部分）"
    assert titles[2] == "某某市某某局2013年依申请公开情况统计表"  # fits: one line
