"""The PDF reader on PDFs that do inside what WPS and Word do (tests/pdf_traits.py writes them):
page number drawn first, every character placed on its own, justified lines, subset fonts named
in GBK, tables as separate strokes or thin filled rectangles, narrow equal columns, tables and
paragraphs over page breaks, missing rules, passwords. Every expected text and grid below is the
text the test typed into the PDF, written out by hand — never the reader's output copied back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pdf_traits import LEFT, RIGHT, Sheet

from reportgen.importer.document import Para, Table
from reportgen.importer.pdf_grid import (INFERRED_COL, INFERRED_ROW, NO_GRID, ON_RULE, OUTSIDE, TWO_LINES, TWO_NUMBERS,
                                         UNREADABLE)
from reportgen.importer.pdf_tables import NO_RULES
from reportgen.importer.read_docx import ReadError
from reportgen.importer.read_pdf import read_pdf, text_layer_chars

TITLE = "某区人民政府办公室2023年政府信息公开工作年度报告"
BODY = [
    "2023年，区政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
    "全年主动公开政府信息356条，其中政策文件42条。",
    "全年共收到政府信息公开申请17件，均在法定期限内答复，未发生因政府信息公开引起的行政复议和行政诉讼。",
    "区政府门户网站开设“政府信息公开”专栏，设置机构职能、政策文件、财政资金等栏目，全年更新信息2,108条。",
]


def paras(blocks: list) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Para)]


def tables(blocks: list) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def grid(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def unsure(table: Table) -> list[list[str]]:
    return [[c.unsure for c in row] for row in table.rows]


def raw_text(path: Path, page: int = 0) -> str:
    """The page's text in the order the file draws it (PDFium's own order, no layout)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return pdf[page].get_textpage().get_text_range()
    finally:
        pdf.close()


# -- text ----------------------------------------------------------------------------------------

def test_page_number_drawn_first_is_dropped_and_the_page_reads_top_down(tmp_path):
    s = Sheet(tmp_path / "wps.pdf")
    s.para(TITLE, size=22, indent=0, align="center")
    s.para("一、总体情况", font="hei", before=16)
    s.para(BODY[0])
    path = s.save()
    assert raw_text(path).lstrip().startswith("— 1 —")  # the trait: the file draws the page number first
    assert paras(read_pdf(path)) == [TITLE, "一、总体情况", BODY[0]]


@pytest.mark.parametrize("scaled", [False, True], ids=["sized-font", "size-1-font-scaled-by-matrix"])
def test_characters_placed_one_by_one_on_justified_lines_read_as_typed(tmp_path, scaled):
    typed = ("全年通过 Open Data 平台公开数据 1,234 条，网址 www.example.gov.cn，"
             "较上年增长12.5%，其中规范性文件 3 件，公开率达到100%，群众满意度较高，工作运行平稳有序。")
    s = Sheet(tmp_path / "justified.pdf", scaled=scaled)
    s.para(typed)
    path = s.save()
    lines = [line for _, line in s.placed]
    assert len(lines) >= 3  # wrapped and justified (every line but the last spread to the margin)
    [para] = [b for b in read_pdf(path) if isinstance(b, Para)]
    # spaces next to a Chinese character are not kept (Chinese has none); spaces between Latin words are
    assert para.text == ("全年通过Open Data平台公开数据1,234条，网址www.example.gov.cn，"
                         "较上年增长12.5%，其中规范性文件3件，公开率达到100%，群众满意度较高，工作运行平稳有序。")
    assert para.size == 16 and para.indent == 2


def test_a_centred_caption_after_a_full_line_is_its_own_paragraph(tmp_path):
    full = "全年主动公开政府信息的数量和质量都有提升，群众获取" "信息更加方便快捷，各部门按照统一要求及时更新栏目内容。"  # 25 + 27
    s = Sheet(tmp_path / "caption.pdf")
    s.para(full)
    assert [len(line) for _, line in s.placed] == [25, 27]  # the last line reaches the right margin
    s.para("表一主动公开情况", indent=0, align="center")
    assert paras(read_pdf(s.save())) == [full, "表一主动公开情况"]


def test_a_word_gap_without_a_space_character_is_a_space(tmp_path):
    s = Sheet(tmp_path / "gap.pdf")
    s.chars("申请表见Open Government页面", LEFT + 32, 150, 16, gaps={8: 4.0})  # "Open" + 4 pt + "Government"
    assert paras(read_pdf(s.save())) == ["申请表见Open Government页面"]


def test_a_paragraph_continues_across_the_page_break(tmp_path):
    s = Sheet(tmp_path / "break.pdf", header="某区人民政府办公室", footer="第{n}页 共2页")
    s.para(TITLE, size=22, indent=0, align="center")
    texts = [BODY[k % 3] for k in range(12)]
    for text in texts:
        s.para(text)
    path = s.save()
    pages = {page for page, _ in s.placed}
    assert pages == {1, 2}
    # the trait: one paragraph has lines on both pages, the first on page 2 flush left
    last_on_1 = max(k for k, (p, _) in enumerate(s.placed) if p == 1)
    assert s.placed[last_on_1 + 1][0] == 2
    assert paras(read_pdf(path)) == [TITLE] + texts


def test_running_heads_feet_and_page_numbers_of_every_kind_are_dropped(tmp_path):
    for style in ("第{n}页", "{n}/3", "- {n} -", "{n}"):
        s = Sheet(tmp_path / "furniture.pdf", page_number=style, header="某区人民政府办公室文件",
                  footer="https://www.example.gov.cn/xxgk/{n}.html")
        texts = [BODY[k % 3] for k in range(20)]
        for text in texts:
            s.para(text)
        path = s.save()
        assert s.n == 3
        assert paras(read_pdf(path)) == texts, style


def test_a_page_number_set_higher_than_usual_is_dropped_when_it_stands_alone(tmp_path):
    s = Sheet(tmp_path / "high-number.pdf", page_number=None)
    s.para(BODY[0])
    s.chars("— 1 —", 280, 600, 14)  # far below the text, above the bottom band
    assert paras(read_pdf(s.save())) == [BODY[0]]


def test_a_title_in_the_top_band_of_page_one_is_kept(tmp_path):
    s = Sheet(tmp_path / "title.pdf")
    s.y = 50  # the title set high, inside the band where running heads sit
    s.para("关于2023年度政府信息公开工作的报告", size=22, indent=0, align="center")
    s.para(BODY[0])
    assert paras(read_pdf(s.save())) == ["关于2023年度政府信息公开工作的报告", BODY[0]]


def test_how_each_paragraph_is_set(tmp_path):
    s = Sheet(tmp_path / "set.pdf")
    s.para("某区人民政府办公室", size=22, indent=0, align="center")
    s.para("一、总体情况", font="hei")  # 黑体 by name
    s.para("（一）主动公开情况", font="kai", mode=2)  # bold simulated by stroking the outline
    s.para(BODY[0], font="fang")
    s.para("某区人民政府办公室", indent=0, align="right", right=RIGHT - 4 * 16, before=30)
    blocks = [b for b in read_pdf(s.save()) if isinstance(b, Para)]
    got = [(b.text, b.align, b.bold, b.size, b.indent, b.font.split("-")[0]) for b in blocks]
    assert got == [
        ("某区人民政府办公室", "center", False, 22, 5.5, "宋体"),  # ((595.28 − 9 × 22) / 2 − 79.4) / 22 = 5.42
        ("一、总体情况", "", True, 16, 2, "SimHei"),
        ("（一）主动公开情况", "", True, 16, 2, "KaiTi_GB2312"),
        (BODY[0], "", False, 16, 2, "FangSong_GB2312"),
        ("某区人民政府办公室", "right", False, 16, 14.5, "宋体"),  # (521.58 − 4 × 16 − 9 × 16 − 79.4) / 16 = 14.64
    ]


def test_condensed_text_keeps_its_size(tmp_path):
    s = Sheet(tmp_path / "condensed.pdf")
    t = s.canvas.beginText(LEFT + 32, 841.89 - 150)
    t.setFont("song", 16)
    t.setHorizScale(70)  # Tz 70: the characters squeezed to 70 % of their width
    t.textOut("全年新收申请79件，全部按期答复。")
    s.canvas.drawText(t)
    [para] = [b for b in read_pdf(s.save()) if isinstance(b, Para)]
    assert (para.text, para.size) == ("全年新收申请79件，全部按期答复。", 16)


def test_bold_printed_twice_a_hair_apart_is_read_once_and_bold(tmp_path):
    s = Sheet(tmp_path / "overprint.pdf")
    s.chars("一、总体情况", LEFT + 32, 150, 16)
    s.chars("一、总体情况", LEFT + 32.3, 150, 16)
    s.y = 160
    s.para(BODY[0])
    blocks = read_pdf(s.save())
    assert [(b.text, b.bold) for b in blocks] == [("一、总体情况", True), (BODY[0], False)]


def test_two_columns_read_left_column_first(tmp_path):
    s = Sheet(tmp_path / "columns.pdf")
    mid = (LEFT + RIGHT) / 2
    left = "左栏第一段文字较长，需要折行排成好几行，用来检验分栏阅读顺序是否正确无误。" * 2
    right = "右栏第二段文字同样较长，也会折行排成好几行，读的时候应当排在左栏之后。" * 2
    top = s.y
    s.para(left, left=LEFT, right=mid - 12)
    s.y = top
    s.para(right, left=mid + 12, right=RIGHT)
    assert paras(read_pdf(s.save())) == [left, right]


# -- tables --------------------------------------------------------------------------------------

TABLE_2 = [
    ["第二十条第（一）项", None, None, None],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "0", "0", "2"],
    ["行政规范性文件", "12", "3", "1234"],
]


@pytest.mark.parametrize("rules", ["stroke", "fill"], ids=["WPS-strokes", "Word-thin-filled-rectangles"])
def test_a_ruled_table_is_rebuilt_from_its_rules(tmp_path, rules):
    s = Sheet(tmp_path / "table.pdf", rules=rules)
    s.para("二、主动公开政府信息情况", font="hei")
    s.table([170, 90, 90, 92], TABLE_2, spans={(0, 0): (1, 4)})
    s.para("三、收到和处理政府信息公开申请情况", font="hei", before=10)
    blocks = read_pdf(s.save())
    assert paras(blocks) == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    [table] = tables(blocks)
    assert grid(table) == [["第二十条第（一）项"] * 4, ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                           ["规章", "0", "0", "2"], ["行政规范性文件", "12", "3", "1234"]]
    assert len({id(c) for c in table.rows[0]}) == 1  # the merged header: one cell at four positions
    assert not any(c.unsure for row in table.rows for c in row)


def test_a_table_on_a_landscape_page_turned_by_rotate_reads_upright(tmp_path):
    s = Sheet(tmp_path / "landscape.pdf")
    s.para(BODY[0])
    s.landscape()
    s.para("表三收到和处理政府信息公开申请情况", indent=0, align="center")
    s.table([200] + [60] * 7, [["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
                               ["本年新收", "5", "1", "0", "0", "0", "0", "6"]])
    path = s.save()
    assert b"/Rotate 90" in path.read_bytes()
    blocks = read_pdf(path)
    assert paras(blocks) == [BODY[0], "表三收到和处理政府信息公开申请情况"]
    assert grid(tables(blocks)[0]) == [["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
                                       ["本年新收", "5", "1", "0", "0", "0", "0", "6"]]


def test_filled_cell_shading_is_not_a_rule(tmp_path):
    s = Sheet(tmp_path / "shaded.pdf")
    s.canvas.setFillColorRGB(0.85, 0.85, 0.85)
    s.canvas.rect(LEFT, 842 - 200, 442, 60, stroke=0, fill=1)  # a grey band behind two lines of text
    s.canvas.setFillColorRGB(0, 0, 0)
    s.para(BODY[0])
    assert paras(read_pdf(s.save())) == [BODY[0]]


NARROW = [
    ["项目", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
    ["行政复议", "2", "0", "0", "0", "2"],
    ["行政诉讼", "0", "2", "1", "0", "3"],
    ["本机关作为被告", "1", "0", "0", "1", "2"],
    ["其他", "1234", "0", "0", "1", "1235"],
]


@pytest.mark.parametrize("rules", ["stroke", "fill"])
def test_a_label_wrapped_in_a_narrow_column_stays_in_its_row(tmp_path, rules):
    """Narrow equal columns, rows as tight as their text (single spacing, no cell margin): labels
    and headers wrap over two or three lines beside one-line values, and each character's box
    reaches the rules. Read by text lines and cropped boxes, the old reader joined the digits of
    two rows here (1 and 1234 became 11234, 2 and 1235 became 21235)."""
    s = Sheet(tmp_path / "narrow.pdf", rules=rules)
    s.table([36] * 6, NARROW, pad=0.5, min_height=0, leading=1.0)
    blocks = read_pdf(s.save())
    [table] = tables(blocks)
    assert grid(table) == NARROW
    assert not any(c.unsure for row in table.rows for c in row)


def test_a_four_digit_count_in_a_narrow_cell(tmp_path):
    s = Sheet(tmp_path / "count.pdf")
    rows = [["项目", "件数", "件数"], ["新收申请", "1234", "5678"]]
    s.table([80, 26, 18], rows, pad=1)  # 1234 just fits its cell; 5678 has to wrap over two lines
    [table] = tables(read_pdf(s.save()))
    assert grid(table) == [["项目", "件数", "件数"], ["新收申请", "1234", "5678"]]
    assert unsure(table) == [["", "", ""], ["", "", TWO_LINES]]


def test_a_table_over_a_page_break_is_one_table_with_its_header_once(tmp_path):
    s = Sheet(tmp_path / "long.pdf")
    for text in BODY:
        s.para(text)
    rows = [["类别", "事项", "件数"]]
    spans = {}
    for k in range(24):
        if k % 6 == 0:
            rows.append([f"第{k // 6 + 1}类", f"事项{k + 1}", str(k * 7)])
            spans[(len(rows) - 1, 0)] = (6, 1)  # a label merged over six rows, one group crosses the break
        else:
            rows.append([None, f"事项{k + 1}", str(k * 7)])
    s.table([120, 200, 122], rows, spans=spans)
    path = s.save()
    assert s.n == 2 and "类别" in raw_text(path, 1)  # the trait: the header is drawn again on page 2
    [table] = tables(read_pdf(path))
    expected = [["类别", "事项", "件数"]] + [[f"第{k // 6 + 1}类", f"事项{k + 1}", str(k * 7)] for k in range(24)]
    assert grid(table) == expected
    for group in range(4):  # each merged label one cell, also where the page break cuts through it
        assert len({id(table.rows[1 + 6 * group + k][0]) for k in range(6)}) == 1


def test_two_tables_of_the_same_width_on_consecutive_pages_stay_two(tmp_path):
    s = Sheet(tmp_path / "two.pdf")
    first = [["项目", "甲", "乙", "丙"]] + [[f"第{k}行", "1", "2", "3"] for k in range(1, 6)]
    second = [["信息内容", "本年处理决定数量"], ["行政许可", "17"]]
    s.table([200, 80, 80, 82], first)
    s.new_page()  # the second table first on the next page, no heading between
    s.y -= 10
    s.table([150, 292], second)
    assert [grid(t) for t in tables(read_pdf(s.save()))] == [first, second]


def test_a_frame_round_a_paragraph_is_not_a_table(tmp_path):
    s = Sheet(tmp_path / "frame.pdf")
    top = s.y
    s.para(BODY[1])
    s.rule(LEFT - 4, top + 6, RIGHT + 4, top + 6)
    s.rule(LEFT - 4, s.y + 10, RIGHT + 4, s.y + 10)
    s.rule(LEFT - 4, top + 6, LEFT - 4, s.y + 10)
    s.rule(RIGHT + 4, top + 6, RIGHT + 4, s.y + 10)
    blocks = read_pdf(s.save())
    assert paras(blocks) == [BODY[1]] and not tables(blocks)


def test_a_missing_rule_between_two_rows_is_inferred_and_said(tmp_path):
    s = Sheet(tmp_path / "missing.pdf")
    omit = {("h", 3, c) for c in range(6)}  # no rule between 行政诉讼 and 本机关作为被告
    s.table([90, 70, 70, 70, 70, 72], NARROW, omit=omit)
    [table] = tables(read_pdf(s.save()))
    assert grid(table) == NARROW
    assert unsure(table) == [[""] * 6, [""] * 6, [INFERRED_ROW] * 6, [INFERRED_ROW] * 6, [""] * 6]


def test_a_missing_rule_under_one_cell_is_inferred_and_said(tmp_path):
    s = Sheet(tmp_path / "missing-one.pdf")
    s.table([90, 70, 70, 70, 70, 72], NARROW, omit={("h", 3, 2)})
    [table] = tables(read_pdf(s.save()))
    assert grid(table) == NARROW
    assert [row[2].unsure for row in table.rows] == ["", "", INFERRED_ROW, INFERRED_ROW, ""]
    assert not any(c.unsure for row in table.rows for k, c in enumerate(row) if k != 2)


@pytest.mark.parametrize("header_rule", [True, False])
def test_a_missing_rule_between_two_columns_is_inferred_and_said(tmp_path, header_rule):
    s = Sheet(tmp_path / "missing-col.pdf")
    omit = {("v", r, 3) for r in range(0 if not header_rule else 1, 5)}
    s.table([90, 70, 70, 70, 70, 72], NARROW, omit=omit)
    [table] = tables(read_pdf(s.save()))
    got = grid(table)
    assert [row[:3] + row[4:] for row in got[1:]] == [row[:3] + row[4:] for row in NARROW[1:]]
    assert [row[3] for row in got[1:]] == [row[3] for row in NARROW[1:]]
    assert all(row[2].unsure == row[3].unsure == INFERRED_COL for row in table.rows[1:])


def test_two_rows_in_one_cell_that_cannot_be_told_apart_are_marked(tmp_path):
    s = Sheet(tmp_path / "two-lines.pdf")
    rows = [["项目", "件数"], ["行政复议", "3"], ["行政诉讼", "5"], ["总计", "8"]]
    s.table([200, 100], rows, omit={("h", 2, 0), ("h", 2, 1)})  # one value column: nothing to agree with
    [table] = tables(read_pdf(s.save()))
    assert table.rows[1][1].unsure == TWO_LINES and table.rows[1][1].text == "35"
    assert table.rows[2][1].unsure == ""


def test_digits_outside_the_frame_or_on_a_rule_are_marked(tmp_path):
    s = Sheet(tmp_path / "outside.pdf")
    rows = [["项目", "件数"], ["行政复议", ""], ["行政诉讼", ""]]
    s.table([200, 60], rows)
    top = 104.9 + 10
    s.chars("7", LEFT + 262, top + 20 + 14, 10.5)  # past the right frame of row 行政复议
    s.chars("9", LEFT + 200 + 26, top + 40 + 4, 10.5)  # across the rule above 行政诉讼's value
    [table] = tables(read_pdf(s.save()))
    assert (table.rows[1][1].text, table.rows[1][1].unsure) == ("7", OUTSIDE)
    assert (table.rows[2][1].text, table.rows[2][1].unsure) == ("9", ON_RULE)  # its centre is below the rule


def test_two_numbers_side_by_side_in_one_cell_are_marked(tmp_path):
    s = Sheet(tmp_path / "side.pdf")
    rows = [["项目", "件数"], ["行政复议", "3"]]
    s.table([200, 100], rows)
    s.chars("4", LEFT + 200 + 80, 104.9 + 10 + 20 + 14, 10.5)  # a second number far right in the same cell
    [table] = tables(read_pdf(s.save()))
    assert table.rows[1][1].unsure == TWO_NUMBERS


def test_a_character_without_unicode_in_a_cell_is_marked():
    """A font without a Unicode map gives private-use codes (PDFium passes them on): the cell
    cannot be read surely. Built from characters directly: reportlab always writes a map."""
    from reportgen.importer.pdf_grid import tables as page_tables
    from reportgen.importer.pdf_page import Char, Page, Rule

    def char(text: str, x: float, base: float) -> Char:
        return Char(text, x, x + 6, base - 9, base + 2, base, 10.5, "宋体", False, base - 8, base)

    rules = [Rule(True, y, 100, 300) for y in (100, 120, 140)] + [Rule(False, x, 100, 140) for x in (100, 200, 300)]
    chars = [char("件", 240, 114), char("1", 240, 134), char("\ue031", 246, 134), char("2", 252, 134)]
    [part], rest = page_tables(Page(0, 595, 842, chars, rules), chars)
    assert rest == [] and part.rows[1][1].text == "1\ue0312" and part.rows[1][1].unsure == UNREADABLE


def test_a_table_without_rules_is_read_by_alignment_and_every_cell_marked(tmp_path):
    s = Sheet(tmp_path / "no-rules.pdf", rules="none")
    rows = [["项目", "自然人", "法人", "总计"], ["新收申请", "12", "3", "15"], ["上年结转", "0", "1", "1"],
            ["予以公开", "8", "2", "10"]]
    s.table([120, 100, 100, 100], rows)
    [table] = tables(read_pdf(s.save()))
    assert grid(table) == rows
    assert all(c.unsure == NO_RULES for row in table.rows for c in row)


def test_rules_that_make_no_grid_mark_every_cell(tmp_path):
    s = Sheet(tmp_path / "no-grid.pdf")
    rows = [["项目", "甲", "乙"], ["行政复议", "1", "2"], ["行政诉讼", "3", "4"]]
    # rules missing so that five boxes run together into an L (rows 1–2 × columns 1–2 and the box
    # of 行政诉讼): no rectangle of merged cells can be drawn — read box by box, every cell marked
    s.table([120, 80, 80], rows, omit={("h", 2, 1), ("v", 1, 2), ("v", 2, 2), ("h", 2, 2), ("v", 2, 1)})
    [table] = tables(read_pdf(s.save()))
    assert grid(table) == rows
    assert all(c.unsure == NO_GRID for row in table.rows for c in row)


# -- files ---------------------------------------------------------------------------------------

def test_a_pdf_that_needs_a_password_says_so_and_what_to_do(tmp_path, capsys):
    from reportlab.lib.pdfencrypt import StandardEncryption

    from reportgen.cli import main

    s = Sheet(tmp_path / "locked.pdf", encrypt=StandardEncryption("open-me", "owner", canPrint=0))
    s.para(BODY[0])
    path = s.save()
    with pytest.raises(ReadError) as err:
        read_pdf(path)
    assert "有密码" in str(err.value) and "没有密码" in str(err.value) and "另存为" in str(err.value)
    assert main(["import", str(path), "-o", str(tmp_path / "out.yaml")]) == 1
    assert "有密码" in capsys.readouterr().err
    assert not (tmp_path / "out.yaml").exists()


def test_a_pdf_only_restricted_by_an_owner_password_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    s = Sheet(tmp_path / "owner.pdf", encrypt=StandardEncryption("", "owner", canPrint=0, canCopy=0, canModify=0))
    s.para(BODY[1])
    path = s.save()
    assert b"/Encrypt" in path.read_bytes()
    assert paras(read_pdf(path)) == [BODY[1]]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_pdf_gives_a_read_error_not_a_traceback(tmp_path, damage):
    s = Sheet(tmp_path / "good.pdf")
    s.para(BODY[0])
    data = s.save().read_bytes()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes({"truncated": data[: len(data) // 3], "garbage": b"%PDF-1.4\n" + bytes(range(256)) * 8,
                     "empty": b""}[damage])
    with pytest.raises(ReadError) as err:
        read_pdf(bad)
    assert "损坏" in str(err.value) and "重新下载" in str(err.value)


def test_text_layer_chars_counts_each_pages_characters(tmp_path):
    s = Sheet(tmp_path / "layer.pdf", page_number=None)
    s.para("一二三四五", indent=0)
    s.new_page()
    s.canvas.setFillColorRGB(0.5, 0.5, 0.5)
    s.canvas.rect(LEFT, 200, 300, 400, stroke=0, fill=1)  # a page with a picture only, as a scan is
    s.new_page()
    s.para("六七 八", indent=0)
    assert text_layer_chars(s.save()) == [5, 0, 3]


def test_reading_the_pdf_module_imports_no_pdfium_until_a_pdf_is_read():
    code = ("import sys; import reportgen.importer.read_pdf, reportgen.importer.recognize; "
            "print(sorted(m for m in sys.modules if m.startswith(('pypdfium2', 'pdfplumber', 'pdfminer'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
