"""Their report, their way (issue 22, item 8): the signing block and the attachments as real reports
print them, each a key of the facts file that a file without it never notices.

Modelled on published reports: 洪泽区人民政府 2023 and 2024 (WPS PDFs, /work/realfiles: no signature
and no date; the text ends with 六、 and the fee sentence; the web page carries the 发布日期); the
宿州 2016 report (pages corpus, lfrdys.com) dates itself without the day's year; web-published reports
caption an attachment 附件1：标题 on one line and print no 附件： list under the text. Names replaced.

- a: `show_date_year: false` prints 3月25日 / 一月二十日; DEADLINE still counts from `signed`'s year.
- b: a ○ (U+25CB) in a Chinese date is printed 〇 and said, at its line, also after an import; a
  year so typed in the text (二○二五年，我局……) too (YEARZERO), and in a published report's text.
- c: `show_date: false` needs no `signed`; the checks then say they did not check the date.
- d: `attachment_caption: one_line` (附件1：标题) and `show_attachment_list: false`.
- e: a date with no signature: one blank line below the text, 4 characters from the right
  (GB/T 9704-2012 §7.3.5.1/§7.3.5.3: a date no signature stands over is set 右空四字).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import DATA
from docxutil import NS, attr, paragraph_texts, q
from lxml import etree
from published_blocks import p, report
from test_signing_pdf import CHAR, RIGHT_MARGIN, lines_of_last_page

from reportgen import FactsError, build_report, check
from reportgen.importer.read_docx import read_docx
from reportgen.importer.recognize import recognize
from reportgen.importer.write import facts_text
from reportgen.publish.pdf import convert_to_pdf

EXAMPLE = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
SIGNED = "signed: 2026-01-20\n"
ATTACHMENTS = """\
attachments:
  - title: 2025年主动公开信息分类统计表
    table:
      columns: [栏目, 条数]
      rows: [[通知公告, "120"], [政策解读, "30"]]
      total: 合计
  - title: 2025年政务新媒体信息发布统计表
    table:
      columns: [平台, 条数]
      rows: [[微信公众号, "86"]]
"""
VARIANTS = {
    # name: (replacement of the signed line, text added at the end)
    "default": (SIGNED, ""),
    "no-date": ("show_signature: false\nshow_date: false\n", ""),
    "yearless-alone": ("signed: 2026-01-25\nshow_date_year: false\nshow_signature: false\n", ""),
    "yearless-chinese": ("signed: 二○二六年一月二十日\nshow_date_year: false\n", ""),
    "attachments": (SIGNED, ATTACHMENTS),
    "attachments-one-line": (SIGNED, ATTACHMENTS + "attachment_caption: one_line\nshow_attachment_list: false\n"),
}


def variant(folder: Path, name: str) -> Path:
    signed, tail = VARIANTS[name]
    assert SIGNED in EXAMPLE
    path = folder / f"{name}-2025.yaml"
    path.write_text(EXAMPLE.replace(SIGNED, signed) + tail, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("their-way")
    return {name: build_report(variant(folder, name), folder / f"{name}.docx").output for name in VARIANTS}


def _date_paragraph(docx_path: Path) -> etree._Element:
    import docx

    doc = docx.Document(str(docx_path))
    [para] = [x for x in doc.paragraphs if x.style.name == "成文日期" and x.text.strip()]
    return para._p


# -- a: a date printed without its year --------------------------------------------------------

def test_a_date_printed_without_its_year(built):
    assert paragraph_texts(built["yearless-alone"])[-1] == ("成文日期", "1月25日")
    assert paragraph_texts(built["yearless-chinese"])[-2:] == [("落款", "示例市示例局"), ("成文日期", "一月二十日")]


def test_the_deadline_still_counts_from_the_year_of_the_date(tmp_path):
    # 示例市示例局 is a department: its deadline is 1月31日 of the next year (条例第四十九条)
    late = tmp_path / "late-2025.yaml"
    late.write_text(EXAMPLE.replace(SIGNED, "signed: 2026-03-25\nshow_date_year: false\n"), encoding="utf-8")
    [deadline] = [w for w in check(late).warnings if w.code == "DEADLINE"]
    assert "2026-03-25" in deadline.message and "2026年1月31日" in deadline.message
    on_time = variant(tmp_path, "yearless-alone")
    assert not [w for w in check(on_time).warnings if w.code in ("DEADLINE", "SIGNED")]


# -- b: the office's ○ in a Chinese date --------------------------------------------------------

def test_a_circle_for_zero_is_printed_as_the_ideographic_zero_and_said(tmp_path, built):
    facts = check(variant(tmp_path, "yearless-chinese"))
    [said] = [w for w in facts.warnings if w.code == "date-zero"]
    assert said.location.line == EXAMPLE[:EXAMPLE.index(SIGNED)].count("\n") + 1  # the line of signed:
    assert "U+25CB" in said.message and "〇" in said.message
    # the build reports it too (its result's warnings are what the CLI prints)
    out = tmp_path / "zero.docx"
    path = tmp_path / "zero-2025.yaml"
    path.write_text(EXAMPLE.replace(SIGNED, "signed: 二○二六年一月二十日\n"), encoding="utf-8")
    result = build_report(path, out)
    assert [w.code for w in result.warnings if w.code == "date-zero"] == ["date-zero"]
    assert paragraph_texts(out)[-1] == ("成文日期", "二〇二六年一月二十日")  # U+3007


def test_an_imported_report_with_a_circle_for_zero_is_said_when_rebuilt(tmp_path):
    imp = recognize(report(signing=[p("示例区人民政府", align="right"), p("二○二四年一月二十日", align="right")]),
                    Path("x.docx"))
    facts = tmp_path / "imported-2023.yaml"
    facts.write_text(facts_text(imp), encoding="utf-8")
    assert "signed: 二○二四年一月二十日" in facts.read_text(encoding="utf-8")  # kept as printed, so it is said
    result = build_report(facts, tmp_path / "imported.docx")
    assert [w.code for w in result.warnings].count("date-zero") == 1
    assert paragraph_texts(result.output)[-1] == ("成文日期", "二〇二四年一月二十日")


def test_a_circle_for_zero_in_a_year_of_the_text_is_printed_as_the_ideographic_zero_and_said(tmp_path):
    typed = '    - "{year}年，{agency.short_name}坚持'
    assert typed in EXAMPLE
    path = tmp_path / "text-2025.yaml"
    path.write_text(EXAMPLE.replace(typed, '    - "二○二五年，{agency.short_name}坚持'), encoding="utf-8")
    result = build_report(path, tmp_path / "text.docx")
    [said] = [w for w in result.warnings if w.code == "YEARZERO"]
    line = EXAMPLE[:EXAMPLE.index(typed)].count("\n") + 1
    assert (said.location.line, said.location.column) == (line, 9)  # at the ○: 4 spaces, - and " before 二
    assert "“二○二五年”" in said.message and "〇" in said.message
    texts = [t for _, t in paragraph_texts(result.output)]
    assert any(t.startswith("二〇二五年，市示例局坚持") for t in texts)  # U+3007
    assert not any("○" in t for t in texts)


def test_a_placeholder_year_is_no_slip(tmp_path):
    path = tmp_path / "placeholder-2025.yaml"
    path.write_text(EXAMPLE.replace('    - "{year}年，', '    - "○○○○年，'), encoding="utf-8")
    assert not [w for w in check(path).warnings if w.code == "YEARZERO"]


def test_a_published_report_with_a_circle_in_a_year_of_its_text_is_told(tmp_path):
    from reportgen.importer.review import check_report

    page = tmp_path / "report.html"
    body = "".join(f"<p>{b.text}</p>" for b in report() if hasattr(b, "text")).replace(
        "2023年，示例区人民政府坚持", "二○二三年，示例区人民政府坚持")
    assert "二○二三年" in body
    page.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    [found] = [f for f in check_report(page).findings if f.code == "YEARZERO"]
    assert "二○二三年" in found.message and "〇" in found.message


def test_a_circle_for_zero_in_a_year_not_printed_is_said_so(tmp_path):
    # show_date_year: false, written after the date as the office's file has it: the year is not
    # printed, so the warning must not say it prints as 〇.
    path = tmp_path / "yearless-2025.yaml"
    path.write_text(EXAMPLE.replace(SIGNED, "signed: 二○二六年一月二十日\n") + "show_date_year: false\n", encoding="utf-8")
    [said] = [w for w in check(path).warnings if w.code == "date-zero"]
    assert "U+25CB" in said.message and "报告中印作" not in said.message
    assert "这份报告不印年份（show_date_year: false），印出的日期不受影响" in said.message
    # with the year printed, the warning says how it prints
    printed = tmp_path / "printed-2025.yaml"
    printed.write_text(EXAMPLE.replace(SIGNED, "signed: 二○二六年一月二十日\n"), encoding="utf-8")
    [said] = [w for w in check(printed).warnings if w.code == "date-zero"]
    assert said.message.endswith("报告中印作“〇”。") and "不印年份" not in said.message


# -- c: no date printed, none invented ------------------------------------------------------------

def test_no_date_printed_needs_no_signed_date_and_the_deadline_is_said_unchecked(tmp_path, built):
    facts = check(variant(tmp_path, "no-date"))
    assert facts.data["signed"] is None
    assert not [w for w in facts.warnings if w.code in ("DEADLINE", "SIGNED")]
    [note] = [n for n in facts.notes if "DEADLINE" in n]
    assert "未检查" in note and "signed" in note
    last = paragraph_texts(built["no-date"])[-1]
    assert last == ("Normal", "本年度未收取信息处理费。我局无其他需要报告的事项。")


def test_a_date_is_still_asked_for_when_it_is_printed(tmp_path):
    path = tmp_path / "missing-2025.yaml"
    path.write_text(EXAMPLE.replace(SIGNED, ""), encoding="utf-8")
    with pytest.raises(FactsError) as exc:
        check(path)
    [missing] = [x for x in exc.value.problems if x.path == "signed"]
    assert missing.code == "missing-field" and "signed" in missing.message
    path.write_text(EXAMPLE.replace(SIGNED, "show_signature: false\n"), encoding="utf-8")
    with pytest.raises(FactsError):
        check(path)  # leaving out the signature is no reason to leave out the date


def test_the_dated_example_has_no_unchecked_note():
    assert not [n for n in check(DATA / "example-2025.yaml").notes if "DEADLINE" in n]


# -- d: attachments captioned on one line, no 附件： list -----------------------------------------

def test_attachments_by_default_as_gb_t_9704_sets_them(built):
    texts = paragraph_texts(built["attachments"])
    assert ("附件说明", "附件：1.2025年主动公开信息分类统计表") in texts
    # 2. stands under 1. by its indent (tests/test_attachment_list.py), not by full-width spaces
    assert ("附件说明", "2.2025年政务新媒体信息发布统计表") in texts
    i = texts.index(("附件标识", "附件1"))
    assert texts[i + 1] == ("Title", "2025年主动公开信息分类统计表")


def test_attachments_captioned_on_one_line_and_not_listed(built):
    texts = paragraph_texts(built["attachments-one-line"])
    assert not [t for s, t in texts if s == "附件说明"]
    captions = [t for s, t in texts if s == "附件标识"]
    assert captions == ["附件1：2025年主动公开信息分类统计表", "附件2：2025年政务新媒体信息发布统计表"]
    titles = [t for s, t in texts if s == "Title"]
    assert len(titles) == 1  # the report's own title only: no second line for an attachment's title
    import docx

    [first, _] = [x for x in docx.Document(str(built["attachments-one-line"])).paragraphs if x.style.name == "附件标识"]
    assert first.paragraph_format.space_after.twips == 579  # a blank line of the grid before the table
    # the signing comes straight after the text, as before
    i = texts.index(("落款", "示例市示例局"))
    assert texts[i - 1][1] == "本年度未收取信息处理费。我局无其他需要报告的事项。"


def test_the_web_page_captions_attachments_as_the_document_does(tmp_path):
    from test_html import Page

    def attachment_elements(name: str) -> list[tuple[str, str]]:
        result = build_report(variant(tmp_path, name), tmp_path / f"{name}.docx", html=True)
        page = Page(result.html.read_text(encoding="utf-8"))
        start = page.elements.index(("p", "2026年1月20日"))  # the date: the attachments follow it
        return [e for e in page.elements[start + 1:] if e[0] != "table"]

    # one_line: 附件1：标题 in one heading, as in the .docx; no 附件： list after the text
    assert attachment_elements("attachments-one-line") == [
        ("h2", "附件1：2025年主动公开信息分类统计表"), ("h2", "附件2：2025年政务新媒体信息发布统计表")]
    html = (tmp_path / "attachments-one-line.html").read_text(encoding="utf-8")
    assert "attachment-list" not in html.split("<body>", 1)[1] and "attachment-label" not in html.split("<body>", 1)[1]
    # the default: the label on its own line, the title under it
    assert attachment_elements("attachments") == [
        ("p", "附件1"), ("h2", "2025年主动公开信息分类统计表"), ("p", "附件2"), ("h2", "2025年政务新媒体信息发布统计表")]


# -- e: the date with no signature ----------------------------------------------------------------

def _spacing_before(para: etree._Element) -> str | None:
    return attr(para.find("w:pPr/w:spacing", NS), "before")


def test_a_date_alone_is_set_a_blank_line_down_and_four_characters_in(built):
    alone = _date_paragraph(built["yearless-alone"])
    ind = alone.find("w:pPr/w:ind", NS)
    assert (attr(ind, "rightChars"), attr(ind, "right")) == ("400", "1280")  # 4 × 16 pt = 64 pt = 1280 twips
    assert _spacing_before(alone) == "579"  # one line of the 22-line grid: 28.95 pt
    # under a signature the date keeps its place (the signature has the blank line)
    under = _date_paragraph(built["default"])
    assert _spacing_before(under) is None
    assert attr(under.find("w:pPr/w:ind", NS), "rightChars") != "400"


def test_the_default_example_prints_its_signing_block_as_before(built):
    # 示例市示例局 (6 characters wide as printed, with 16-pt characters condensed by 0.3 pt) over
    # 2026年1月20日 (7.7 characters): the date 2 from the right, the signature 2 + 7.7 − 6 ≈ 3.6 — the
    # values test_document_model checks against the PDF; nothing else in the block.
    texts = paragraph_texts(built["default"])
    assert texts[-2:] == [("落款", "示例市示例局"), ("成文日期", "2026年1月20日")]
    date = _date_paragraph(built["default"])
    assert attr(date.find("w:pPr/w:ind", NS), "rightChars") == "200"
    assert not [t for s, t in texts if s in ("附件说明", "附件标识")]


@pytest.fixture(scope="module")
def pdfs(built, tmp_path_factory) -> dict[str, Path]:
    names = ["default", "no-date", "yearless-alone", "yearless-chinese", "attachments-one-line"]
    folder = tmp_path_factory.mktemp("their-way-pdf")
    return {pdf.stem: pdf for pdf in convert_to_pdf([built[n] for n in names], folder)}


def test_in_the_pdf_the_date_alone_stands_a_blank_line_below_the_text_four_characters_in(pdfs):
    lines = lines_of_last_page(pdfs["yearless-alone"])
    texts = [t for _, _, t in lines]
    i = texts.index("1月25日")
    start, end, _ = lines[i]
    assert abs((RIGHT_MARGIN - end) - 4 * CHAR) <= 0.25 * CHAR, (end, RIGHT_MARGIN)
    assert texts[i - 1].endswith("我局无其他需要报告的事项。")
    # the gap to the line above: the blank line and the line, two lines of 28.95 pt — as under the
    # signature in the default example (one blank line above the signature)
    tops = dict(_line_tops_by_text(pdfs["yearless-alone"]))
    gap = tops["1月25日"] - tops[texts[i - 1]]
    assert abs(gap - 2 * 28.95) <= 2.0, gap
    default = dict(_line_tops_by_text(pdfs["default"]))
    assert abs((default["示例市示例局"] - default[texts[i - 1]]) - gap) <= 1.0


def _line_tops_by_text(pdf: Path) -> list[tuple[str, float]]:
    """(text, top) of each line of the last page."""
    import re
    import subprocess

    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = xml.rsplit("<page ", 1)[1]
    rows: dict[float, list[tuple[float, str]]] = {}
    for x0, y0, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
                                   page):
        rows.setdefault(round(float(y0)), []).append((float(x0), text))
    return [("".join(t for _, t in sorted(ws)), float(y)) for y, ws in sorted(rows.items())]


def test_in_the_pdf_no_date_leaves_the_text_last(pdfs):
    texts = [t for _, _, t in lines_of_last_page(pdfs["no-date"])]
    assert texts[-2].endswith("我局无其他需要报告的事项。")  # then only the page number
    assert "2026" not in "".join(texts[-3:]) and "示例市示例局" not in texts


def test_in_the_pdf_the_yearless_chinese_date_keeps_the_signing_rule(pdfs):
    lines = lines_of_last_page(pdfs["yearless-chinese"])
    texts = [t for _, _, t in lines]
    i = texts.index("示例市示例局")
    assert texts[i + 1] == "一月二十日"
    # 示例市示例局 (6 characters) over 一月二十日 (5): the date, starting 2 right of the signature, ends
    # further right, so it ends 2 from the right margin and the signature moves left (§7.3.5.2)
    assert abs((RIGHT_MARGIN - lines[i + 1][1]) - 2 * CHAR) <= 0.25 * CHAR
    assert abs((lines[i + 1][0] - lines[i][0]) - 2 * CHAR) <= 0.25 * CHAR


def test_every_variant_is_valid_office_open_xml(built):
    from test_ooxml_valid import validate

    errors = validate(list(built.values()))
    assert {Path(k).stem: v for k, v in errors.items() if v} == {}


# -- the import writes the office's habits ------------------------------------------------------

def test_an_imported_yearless_date_rebuilds_without_its_year(tmp_path):
    imp = recognize(report(signing=[p("示例区人民政府", align="right"), p("1月20日", align="right")]), Path("x.docx"))
    assert imp.data["show_date_year"] is False and str(imp.data["signed"]) == "2024-01-20"
    facts = tmp_path / "x-2023.yaml"
    facts.write_text(facts_text(imp), encoding="utf-8")
    assert paragraph_texts(build_report(facts, tmp_path / "x.docx").output)[-1] == ("成文日期", "1月20日")


def test_an_imported_report_without_a_date_gets_none_invented(tmp_path):
    # as 洪泽区 2023/2024: the text ends with 六、 and the fee sentence, no signature, no date
    imp = recognize(report(signing=[]), Path("x.pdf"))
    assert "signed" not in imp.data and imp.data["show_date"] is False and imp.data["show_signature"] is False
    facts = tmp_path / "x-2023.yaml"
    facts.write_text(facts_text(imp), encoding="utf-8")
    assert not [line for line in facts.read_text(encoding="utf-8").splitlines() if line.startswith("signed:")]
    loaded = check(facts)
    assert [n for n in loaded.notes if "DEADLINE" in n]
    assert paragraph_texts(build_report(facts, tmp_path / "x.docx").output)[-1][1] == "本年度未收取信息处理费。"


def test_imported_attachments_keep_their_caption_and_missing_list(tmp_path):
    from reportgen.importer.document import Cell, Table

    table = Table([[Cell("栏目"), Cell("条数")], [Cell("通知公告"), Cell("120")]])
    one_line = recognize(report(after=[p("附件1：2023年主动公开信息分类统计表"), table]), Path("x.docx"))
    assert one_line.data["attachment_caption"] == "one_line"
    assert one_line.data["show_attachment_list"] is False  # the text lists no 附件：
    assert one_line.data["attachments"][0]["title"] == "2023年主动公开信息分类统计表"
    listed = recognize(report(six=[p("六、其他需要报告的事项", bold=True), p("本年度未收取信息处理费。"),
                                   p("附件：2023年主动公开信息分类统计表")],
                              after=[p("附件"), p("2023年主动公开信息分类统计表", align="center"), table]), Path("x.docx"))
    assert "attachment_caption" not in listed.data and "show_attachment_list" not in listed.data
    facts = tmp_path / "x-2023.yaml"
    facts.write_text(facts_text(one_line), encoding="utf-8")
    texts = paragraph_texts(build_report(facts, tmp_path / "x.docx").output)
    assert ("附件标识", "附件：2023年主动公开信息分类统计表") in texts
    assert not [t for s, t in texts if s == "附件说明"]


def test_the_editor_schema_needs_a_date_only_when_one_is_printed(tmp_path):
    import jsonschema
    from test_authoring import _as_json

    from reportgen.model.schema_export import facts_schema

    validator = jsonschema.Draft202012Validator(facts_schema())
    assert list(validator.iter_errors(_as_json(variant(tmp_path, "no-date")))) == []
    missing = tmp_path / "missing-2025.yaml"
    missing.write_text(EXAMPLE.replace(SIGNED, ""), encoding="utf-8")
    assert list(validator.iter_errors(_as_json(missing)))  # as check: a printed date must be given


def test_a_signature_printed_without_a_date_is_imported_as_the_signature(tmp_path):
    # show_date: false with the signature printed: the agency's name alone under 六 is the signature,
    # not a paragraph of 六 with show_signature: false (review of issue 22)
    facts = tmp_path / "a-2025.yaml"
    facts.write_text(EXAMPLE.replace(SIGNED, "show_date: false\n"), encoding="utf-8")
    printed = paragraph_texts(build_report(facts, tmp_path / "a.docx").output)
    assert printed[-1] == ("落款", "示例市示例局")
    imp = recognize(read_docx(tmp_path / "a.docx"), tmp_path / "a.docx")
    assert "show_signature" not in imp.data and imp.data["show_date"] is False and "signed" not in imp.data
    assert imp.data["other_matters"] == ["本年度未收取信息处理费。我局无其他需要报告的事项。"]
    again = tmp_path / "b-2025.yaml"
    again.write_text(facts_text(imp), encoding="utf-8")
    assert "show_signature" not in again.read_text(encoding="utf-8")
    assert paragraph_texts(build_report(again, tmp_path / "b.docx").output)[-2:] == printed[-2:]


def test_a_right_aligned_signature_alone_in_a_pdf_is_the_signature(tmp_path):
    imp = recognize(report(signing=[p("示例区人民政府", align="right")]), Path("x.pdf"))
    assert "show_signature" not in imp.data and imp.data["show_date"] is False
    assert imp.data["other_matters"][-1] == "本年度未收取信息处理费。"


def test_a_short_last_sentence_of_the_text_is_no_signature(tmp_path):
    imp = recognize(report(signing=[p("特此报告")]), Path("x.pdf"))
    assert imp.data["show_signature"] is False and imp.data["other_matters"][-1] == "特此报告"
