"""Structure from real layouts: each test reproduces a failure seen on reports agencies published
(blocks as the readers give them, see published_blocks; a web page as a file) and says what the
import must make of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from published_blocks import overview, p, report

from reportgen.importer.recognize import recognize
from reportgen.importer.write import facts_text

SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def _replace(blocks, old: str, new):  # type: ignore[no-untyped-def]
    """The blocks with the paragraph `old` replaced by `new` (one paragraph or several)."""
    out = []
    for b in blocks:
        if getattr(b, "text", None) == old:
            out += new if isinstance(new, list) else [new]
        else:
            out.append(b)
    return out


def _sections_found(imp) -> bool:  # type: ignore[no-untyped-def]
    return not any("没有找到这些部分的标题" in w for w in imp.warnings)


@pytest.mark.parametrize("typed", [
    [p("一、 总体情况", bold=True)],  # a space after the number (clean() removes it)
    [p("一．总体情况", bold=True)],  # a full-width point for 、
    [p("一 总体情况", bold=True)],  # the number, a space, the words: no 、 at all
    [p("一、", bold=True), p("总体情况", bold=True)],  # the number in a paragraph (a run, a PDF line) of its own
    [p("总体情况", bold=True, size=16)],  # no number, set bold on its own line
])
def test_the_first_heading_is_found_however_it_is_typed(typed) -> None:  # type: ignore[no-untyped-def]
    blocks = _replace(report(), "一、总体情况", typed)
    imp = recognize(blocks, Path("x.pdf"))
    assert _sections_found(imp), imp.warnings
    assert imp.data["overview"]["intro"] == ["2023年，示例区人民政府坚持以《条例》为遵循，推进政府信息公开工作规范、有序开展。"]
    assert "preamble" in imp.data and len(imp.data["preamble"]) == 1


def test_a_section_heading_cut_over_two_lines_is_one_heading() -> None:
    blocks = _replace(report(), "三、收到和处理政府信息公开申请情况",
                      [p("三、收到和处理政府信息公开申", bold=True), p("请情况", bold=True)])
    imp = recognize(blocks, Path("x.pdf"))
    assert _sections_found(imp), imp.warnings
    assert not any("标题“三、" in w for w in imp.warnings)  # worded as the format: no note on its wording


def test_part_six_run_in_and_saying_nothing_more_is_kept_as_written() -> None:
    blocks = report(six=[p("六、其他需要报告的事项：无。", bold=False)])
    imp = recognize(blocks, Path("x.docx"))
    assert _sections_found(imp), imp.warnings
    assert imp.data["other_matters"] == ["无。"]
    assert imp.data["fee_sentence"] is False  # rebuilt without an added fee sentence
    assert "fee_sentence: false" in facts_text(imp)


@pytest.mark.parametrize("parts, expected", [
    # （一）… under the office's own words, as real reports word them
    ([p("（一）信息发布。全年发布信息1136条。"), p("（二）依申请公开工作情况。全年新收申请36件。"),
      p("（三）政府信息管理。严格审核。"), p("（四）平台建设。加强网站管理。"), p("（五）工作考核、社会评议和责任追究。纳入考核。")],
     {"active": "信息发布", "requests": "依申请公开工作情况", "management": "政府信息管理", "platforms": "平台建设",
      "oversight": "工作考核、社会评议和责任追究"}),
    # half-width brackets, a comma after the heading
    ([p("(一)主动公开方面，全年发布信息1136条。"), p("(二)依申请公开方面，全年新收申请36件。"),
      p("(三)政府信息管理方面，严格审核。"), p("(四)平台建设方面，加强网站管理。"), p("(五)监督保障方面，纳入考核。")],
     {"active": "主动公开方面", "requests": "依申请公开方面", "management": "政府信息管理方面", "platforms": "平台建设方面",
      "oversight": "监督保障方面"}),
])
def test_the_five_parts_under_the_office_s_own_wording(parts, expected) -> None:  # type: ignore[no-untyped-def]
    imp = recognize(report(overview_blocks=overview(parts)), Path("x.docx"))
    labels = {"active": "主动公开", "requests": "依申请公开", "management": "政府信息管理", "platforms": "政府信息公开平台建设",
              "oversight": "监督保障"}  # a part worded as the format is just its paragraphs
    got = {k: v["heading"] if isinstance(v, dict) else labels[k] for k, v in imp.data["overview"].items() if k != "intro"}
    assert got == expected
    assert not any("没有这些小节" in w for w in imp.warnings)


def test_a_part_about_another_topic_is_kept_as_written_not_dropped() -> None:
    parts = [p("（一）主动公开情况。全年发布信息1136条。"), p("（二）依申请公开情况。全年新收申请36件。"),
             p("（三）加强组织领导。成立领导小组。"), p("（四）政府信息管理情况。严格审核。"),
             p("（五）平台建设情况。加强网站管理。"), p("（六）监督保障情况。纳入考核。")]
    imp = recognize(report(overview_blocks=overview(parts)), Path("x.docx"))
    ov = imp.data["overview"]
    assert set(ov) == {"intro", "active", "requests", "management", "platforms", "oversight"}
    assert "（三）加强组织领导。成立领导小组。" in ov["requests"]["paragraphs"]


def test_a_title_worded_otherwise_keeps_the_agency_from_the_signature() -> None:
    blocks = report(title=[p("2023年度信息公开工作报告", align="center", size=22)],
                    signing=[p("示例市生态环境局", align="right"), p("2024年1月25日", align="right")])
    imp = recognize(blocks, Path("x.docx"))
    assert imp.data["agency"]["name"] == "示例市生态环境局"
    assert imp.data["year"] == 2023 and imp.data["title"] == "2023年度信息公开工作报告"
    assert "取自落款" in " ".join(imp.notes["agency.name"])


@pytest.mark.parametrize("title, agency", [
    ("示例市税务局2023年度信息公开工作报告", "示例市税务局"),
    ("示例县人民政府2023年政府信息公开年度报告", "示例县人民政府"),
])
def test_titles_worded_otherwise_keep_the_agency(title: str, agency: str) -> None:
    imp = recognize(report(title=[p(title, align="center")]), Path("x.docx"))
    assert imp.data["agency"]["name"] == agency and imp.data["year"] == 2023


def test_a_yearless_date_is_kept_as_the_date_its_year_marked_unsure() -> None:
    blocks = report(signing=[p("示例区人民政府", align="right"), p("1月20日", align="right")])
    imp = recognize(blocks, Path("x.docx"))
    assert str(imp.data["signed"]) == "2024-01-20"
    assert imp.data.get("show_date") is None  # printed, as the report printed it
    assert "1月20日" in imp.data["unsure"]["signed"] and "2024" in imp.data["unsure"]["signed"]
    assert all("1月20日" not in str(x) for x in imp.data["other_matters"])


def test_attachments_are_imported_with_caption_and_table() -> None:
    from reportgen.importer.document import Cell, Table

    table = Table([[Cell("栏目"), Cell("条数")], [Cell("通知公告"), Cell("120")], [Cell("政策解读"), Cell("30")],
                   [Cell("合计"), Cell("150")]])
    blocks = report(after=[p("附件1"), p("2023年主动公开信息分类统计表", align="center"), table])
    imp = recognize(blocks, Path("x.docx"))
    assert imp.data["attachments"] == [{"title": "2023年主动公开信息分类统计表", "table": {
        "columns": ["栏目", "条数"], "rows": [["通知公告", "120"], ["政策解读", "30"]], "total": "合计"}}]
    assert str(imp.data["signed"]) == "2024-01-20"


def test_an_attachment_table_with_blank_cells_imports_to_a_valid_file(tmp_path: Path) -> None:
    """A blank cell stays blank (""), a header cell read blank gets a placeholder to fill: before, both
    made the facts file invalid and `check` blamed the report (“导入结果无法检查……还没有填写”)."""
    from reportgen import check
    from reportgen.importer.document import Cell, Table

    table = Table([[Cell("栏目"), Cell("")], [Cell("通知公告"), Cell("120")], [Cell("政策解读"), Cell("")],
                   [Cell("合计"), Cell("120")]])
    imp = recognize(report(after=[p("附件1"), p("2023年主动公开信息分类统计表", align="center"), table]), Path("x.docx"))
    assert imp.data["attachments"][0]["table"] == {
        "columns": ["栏目", "（请填写列名）"], "rows": [["通知公告", "120"], ["政策解读", ""]], "total": "合计"}
    facts = tmp_path / "x.yaml"
    facts.write_text(facts_text(imp), encoding="utf-8")
    assert not [w for w in check(facts).warnings if w.is_error]


def test_a_web_page_whose_first_paragraph_mentions_the_annual_report_keeps_its_title(tmp_path: Path) -> None:
    from reportgen.importer.recognize import import_document

    body = "".join(f"<p>{b.text}</p>" for b in report(title=[]) if hasattr(b, "text"))
    page = (
        "<html><head><meta charset='utf-8'><title>示例区人民政府2023年政府信息公开工作年度报告_示例区人民政府</title></head>"
        "<body><div class='nav'>首页 &gt; 政务公开</div>"
        "<div class='article'><p>根据《条例》规定，现公布示例区人民政府2023年度报告如下，全文共六部分。</p>"
        f"{body}</div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    imp = import_document(path)
    assert imp.data["agency"]["name"] == "示例区人民政府" and imp.data["year"] == 2023
    assert not any("没有找到报告标题" in w for w in imp.warnings)


def test_part_six_saying_nothing_more_is_rebuilt_without_a_fee_sentence(tmp_path: Path) -> None:
    from docxutil import paragraph_texts

    from reportgen import api

    imp = recognize(report(six=[p("六、其他需要报告的事项", bold=True), p("无。")]), Path("x.docx"))
    facts = tmp_path / "x-2023.yaml"
    facts.write_text(facts_text(imp), encoding="utf-8")
    result = api.build_report(facts, tmp_path / "x.docx")
    texts = [t for _, t in paragraph_texts(result.output)]
    six = texts.index("六、其他需要报告的事项")
    assert texts[six + 1] == "无。" and not any("信息处理费" in t for t in texts)
    # and check says what the report lacks, about the report
    assert any(w.code == "FEE" and "报告没有说明信息处理费" in w.message for w in result.warnings)


def test_parts_set_bold_without_numbers_are_the_five_parts() -> None:
    # a gazetteer office's .docx: 主动公开情况 … set bold on their own lines, no （一）
    parts = [p("主动公开情况", bold=True), p("全年在频道刊发信息46条。"), p("依申请公开情况", bold=True),
             p("2023年，我办未收到政府信息公开申请。"), p("政府信息管理情况", bold=True), p("落实信息发布审核制度。"),
             p("平台建设情况", bold=True), p("维护频道栏目。"), p("监督保障情况", bold=True), p("纳入科室年度考核。")]
    imp = recognize(report(overview_blocks=overview(parts)), Path("x.docx"))
    assert _sections_found(imp), imp.warnings
    ov = imp.data["overview"]
    assert ov["active"]["heading"] == "主动公开情况" and ov["active"]["paragraphs"] == ["全年在频道刊发信息46条。"]
    assert set(ov) == {"intro", "active", "requests", "management", "platforms", "oversight"}
    assert any("原来没有编号" in w for w in imp.warnings)


def test_parts_written_as_yishi_paragraphs_are_the_five_parts_and_print_so(tmp_path: Path) -> None:
    """A city bureau's .docx (the corpus's lanzhou-eco-bureau-2023): the five parts as paragraphs
    一是积极推动主动公开工作。…… 五是强化监督保障。……: the parts, their heads run in, numbered 一是
    (so the rebuilt report prints them as written); points about other things stay points."""
    parts = [p("一是积极推动主动公开工作。全年在门户网站发布信息5341条。"), p("二是做好依申请公开工作。全年新收申请36件。"),
             p("三是做好政务信息管理工作。严格公开前保密审查。"), p("四是加强政务公开平台建设。优化门户网站专栏。"),
             p("五是强化监督保障。全年组织业务培训2次。")]
    imp = recognize(report(overview_blocks=overview(parts)), Path("x.docx"))
    ov = imp.data["overview"]
    assert set(ov) == {"intro", "active", "requests", "management", "platforms", "oversight"}
    assert ov["active"] == {"heading": "积极推动主动公开工作", "paragraphs": ["全年在门户网站发布信息5341条。"]}
    assert imp.data["numbering"] == {"level2": "一是"} and imp.data["run_in"] == [2]
    assert not any("PART" in w for w in imp.warnings)
    from docxutil import paragraph_texts

    from reportgen import api

    facts = tmp_path / "x-2023.yaml"
    facts.write_text(facts_text(imp), encoding="utf-8")
    texts = [t for _, t in paragraph_texts(api.build_report(facts, tmp_path / "x.docx").output)]
    assert "一是积极推动主动公开工作。全年在门户网站发布信息5341条。" in texts and "五是强化监督保障。全年组织业务培训2次。" in texts
    points = [p("一是抓好学习培训。全年培训2次。"), p("二是完善制度。修订保密审查办法。")]
    imp = recognize(report(overview_blocks=overview(points)), Path("x.docx"))
    assert set(imp.data["overview"]) == {"intro"} and {"points": ["抓好学习培训。全年培训2次。", "完善制度。修订保密审查办法。"]} \
        in imp.data["overview"]["intro"]


def test_a_web_page_s_parts_in_strong_without_numbers_are_the_five_parts(tmp_path: Path) -> None:
    from reportgen.importer.recognize import import_document

    parts = "".join(f"<p><strong>{h}</strong></p><p>{t}</p>" for h, t in (
        ("主动公开情况", "全年在频道刊发信息46条。"), ("依申请公开情况", "2023年，我办未收到政府信息公开申请。"),
        ("政府信息管理情况", "落实信息发布审核制度。"), ("平台建设情况", "维护频道栏目。"), ("监督保障情况", "纳入科室年度考核。")))
    rest = "".join(f"<p>{b.text}</p>" for b in report(title=[], overview_blocks=[])[1:] if hasattr(b, "text"))
    page = ("<html><head><meta charset='utf-8'><title>示例市地方志办公室2023年政府信息公开工作年度报告</title></head><body>"
            "<div class='article'><p><strong>一、总体情况</strong></p><p>2023年，我办依照《条例》做好信息公开工作。</p>"
            f"{parts}{rest}</div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    ov = import_document(path).data["overview"]
    assert set(ov) == {"intro", "active", "requests", "management", "platforms", "oversight"}
    assert ov["platforms"]["heading"] == "平台建设情况" and ov["platforms"]["paragraphs"] == ["维护频道栏目。"]


def test_a_2019_report_saying_nothing_of_the_fee_is_not_warned(capsys, tmp_path: Path) -> None:
    """The fee statement is asked from the 2021 format on (国办函〔2020〕109号 in force 2021-01-01): the
    facts file imported from the 2019 jiangdong-province-office page (六、 says only 无。, so
    fee_sentence: false) gets no FEE warning, where a 2023 report's does (the test above)."""
    from reportgen.cli import main

    out = tmp_path / "j-2019.yaml"
    main(["import", str(Path(__file__).parent / "fixtures" / "published" / "jiangdong-province-office-2019.html"),
          "-o", str(out)])
    assert "fee_sentence: false" in out.read_text(encoding="utf-8")
    capsys.readouterr()
    main(["check", str(out)])
    said = capsys.readouterr()
    assert "FEE" not in said.out + said.err
