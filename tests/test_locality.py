"""Locality options in the facts file (`layout:`, reportgen.model.locality): the fonts of the text,
the 一、 and （一） headings and the title, and the page-number style, as the clerk sees them in the
.docx (the Word styles and the footers, so they can still be changed in Word) and in the PDF (the
fonts LibreOffice embeds through reportgen/fonts/fonts.conf, the page number printed on page 2).

The expected fonts below are GB/T 9704's (statutory-format.md §4) and the option's own names, typed
by hand; the expected PDF fonts are those fonts.conf maps each name to (its header lists them).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA
from docxutil import NS, attr, part, q
from lxml import etree
from test_ooxml_valid import validate

from reportgen import FactsError, build_report, check
from reportgen.render.docx_parts import prepare
from reportgen.render.render import TEMPLATES

EXAMPLE = DATA / "example-2025.yaml"
NARRATIVE = DATA / "jiaxing-sports-2011.yaml"

# The East Asian font of each style GB/T 9704 gives a font, by style name, in the shipped templates.
DEFAULT_FONTS = {
    "Normal": "仿宋_GB2312", "heading 1": "黑体", "heading 2": "楷体_GB2312", "heading 3": "仿宋_GB2312",
    "heading 4": "仿宋_GB2312", "Title": "方正小标宋简体", "接排标题 1": "黑体", "接排标题 2": "楷体_GB2312",
    "接排标题 3": "仿宋_GB2312", "接排标题 4": "仿宋_GB2312", "附件标识": "黑体", "表注": "仿宋_GB2312",
    "页码": "宋体", "表格文字": "仿宋_GB2312",
}
# Which styles each option changes (the styles above whose font is the one it replaces).
CHANGES = {
    "body_font": ("Normal", "heading 3", "heading 4", "接排标题 3", "接排标题 4", "表注", "表格文字"),
    "heading1_font": ("heading 1", "接排标题 1", "附件标识"),
    "heading2_font": ("heading 2", "接排标题 2"),
    "title_font": ("Title",),
}
FONT_CASES = [("body_font", "仿宋"), ("body_font", "方正仿宋_GBK"), ("heading1_font", "方正黑体_GBK"),
              ("heading2_font", "楷体"), ("heading2_font", "方正楷体_GBK"), ("title_font", "华文中宋"),
              ("title_font", "方正小标宋_GBK")]


def with_layout(tmp_path: Path, layout: str, source: Path = EXAMPLE, name: str = "facts.yaml") -> Path:
    """`source` with a `layout:` block (YAML lines, indented by two) added at its end."""
    path = tmp_path / name
    path.write_text(source.read_text(encoding="utf-8") + "\nlayout:\n" + layout, encoding="utf-8")
    return path


def style_fonts(docx: Path) -> dict[str, tuple[str | None, str | None]]:
    """(w:eastAsia, w:ascii) of each style's own w:rFonts, by style name; and of the document defaults."""
    styles = part(docx, "word/styles.xml")
    out = {}
    for style in styles.iterfind("w:style", NS):
        fonts = style.find("w:rPr/w:rFonts", NS)
        if fonts is not None:
            out[style.find("w:name", NS).get(q("w:val"))] = (attr(fonts, "eastAsia"), attr(fonts, "ascii"))
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    out["(defaults)"] = (attr(fonts, "eastAsia"), attr(fonts, "ascii"))
    return out


def footers(docx: Path) -> list[tuple[str, str, bool]]:
    """(text, alignment, holds a PAGE field) of each footer's paragraph, footer1 then footer2."""
    found = []
    for name in ("word/footer1.xml", "word/footer2.xml"):
        paragraph = part(docx, name).find("w:p", NS)
        text = "".join(paragraph.itertext(q("w:t")))
        fields = "".join(paragraph.itertext(q("w:instrText"))).split()
        found.append((text, attr(paragraph.find("w:pPr/w:jc", NS), "val"), fields == ["PAGE"]))
    return found


def members(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture(scope="module")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_report(EXAMPLE, tmp_path_factory.mktemp("base") / "base.docx").output


# -- the .docx ------------------------------------------------------------------------------------

def test_without_layout_the_fonts_and_footers_are_the_templates(default_build):
    fonts = style_fonts(default_build)
    assert {name: east for name, (east, _) in fonts.items()} == {**DEFAULT_FONTS, "(defaults)": "仿宋_GB2312"}
    assert footers(default_build) == [("— 1 —", "right", True), ("— 1 —", "left", True)]
    # Byte for byte the template's styles, font table and footers (as python-docx writes them out).
    shipped = prepare(TEMPLATES / "national-2021.docx").parts
    report = members(default_build)
    for name in ("word/styles.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml"):
        assert report[name] == shipped[name], name


def test_layout_written_with_the_defaults_prints_exactly_as_without(tmp_path, default_build):
    facts = with_layout(tmp_path, "  body_font: 仿宋_GB2312\n  heading1_font: 黑体\n  heading2_font: 楷体_GB2312\n"
                                  "  title_font: 方正小标宋简体\n  page_numbers: gbt9704\n")
    assert members(build_report(facts, tmp_path / "r.docx").output) == members(default_build)


@pytest.mark.parametrize(("key", "font"), FONT_CASES)
def test_a_font_option_changes_its_styles_only(tmp_path, default_build, key, font):
    out = build_report(with_layout(tmp_path, f"  {key}: {font}\n"), tmp_path / "r.docx").output
    expected = {name: (font if name in CHANGES[key] else east) for name, east in DEFAULT_FONTS.items()}
    expected["(defaults)"] = font if key == "body_font" else "仿宋_GB2312"
    fonts = style_fonts(out)
    assert {name: east for name, (east, _) in fonts.items()} == expected
    # Latin text and digits keep Times New Roman (宋体 for the page number).
    assert {latin for name, (_, latin) in fonts.items() if name != "页码"} == {"Times New Roman"}
    table = part(out, "word/fontTable.xml")
    assert [f.find("w:charset", NS).get(q("w:val")) for f in table.iterfind(f"w:font[@w:name='{font}']", NS)] == ["86"]
    # The text itself carries no font of its own: the clerk changes the style in Word and it follows.
    assert members(out)["word/document.xml"] == members(default_build)["word/document.xml"]
    assert footers(out) == footers(default_build)


def own_template(tmp_path: Path, *renames: tuple[str, str]) -> Path:
    """The shipped national template with its styles' fonts renamed (old, new), as an office's own."""
    template = tmp_path / "mine.docx"
    with zipfile.ZipFile(TEMPLATES / "national-2021.docx") as zin, zipfile.ZipFile(template, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                for old, new in renames:
                    data = data.replace(old.encode(), new.encode())
            zout.writestr(item, data)
    return template


def test_a_font_option_applies_to_a_template_with_its_own_fonts(tmp_path, capsys):
    """--template whose text is in 方正仿宋简体 and 一、 headings in 方正黑体简体: body_font and
    heading1_font replace the template's own fonts of those roles (review of issue 22: only the
    GB/T 9704 names were replaced, so body_font was silently not applied)."""
    from reportgen.cli import main

    template = own_template(tmp_path, ("仿宋_GB2312", "方正仿宋简体"), ("黑体", "方正黑体简体"))
    facts = with_layout(tmp_path, "  body_font: 仿宋\n  heading1_font: 方正黑体_GBK\n", name="a-2025.yaml")
    assert main(["build", str(facts), "--template", str(template), "-o", str(tmp_path / "a.docx")]) == 0
    assert "layout" not in capsys.readouterr().err
    fonts = {name: east for name, (east, _) in style_fonts(tmp_path / "a.docx").items()}
    expected = {name: {"仿宋_GB2312": "仿宋", "黑体": "方正黑体_GBK"}.get(east, east) for name, east in DEFAULT_FONTS.items()}
    assert fonts == {**expected, "(defaults)": "仿宋"}


def test_a_font_option_the_template_cannot_take_is_said(tmp_path, capsys):
    """A template whose （一） headings share the text's font: body_font and heading2_font cannot
    both apply; the build says which was not applied and why, and keeps the first."""
    from reportgen.cli import main

    template = own_template(tmp_path, ("楷体_GB2312", "仿宋_GB2312"))
    facts = with_layout(tmp_path, "  body_font: 仿宋\n  heading2_font: 楷体\n", name="a-2025.yaml")
    assert main(["build", str(facts), "--template", str(template), "-o", str(tmp_path / "a.docx")]) == 0
    err = capsys.readouterr().err
    assert "layout: heading2_font: 楷体 没有用上：模板的二级标题与 body_font 所指的样式用同一字体“仿宋_GB2312”" in err
    fonts = {name: east for name, (east, _) in style_fonts(tmp_path / "a.docx").items()}
    assert fonts["heading 2"] == fonts["Normal"] == "仿宋"


def test_hyphen_page_numbers_in_both_footers(tmp_path, default_build):
    out = build_report(with_layout(tmp_path, "  page_numbers: hyphen\n"), tmp_path / "r.docx").output
    assert footers(out) == [("- 1 -", "right", True), ("- 1 -", "left", True)]
    assert style_fonts(out) == style_fonts(default_build)  # the page number's 4号 宋体 stays


def test_the_narrative_template_takes_the_options_too(tmp_path):
    facts = with_layout(tmp_path, "  body_font: 仿宋\n  heading2_font: 楷体\n  page_numbers: hyphen\n", NARRATIVE)
    out = build_report(facts, tmp_path / "r.docx").output
    fonts = {name: east for name, (east, _) in style_fonts(out).items()}
    assert fonts["Normal"] == fonts["(defaults)"] == "仿宋" and fonts["heading 2"] == "楷体"
    assert fonts["heading 1"] == "黑体" and fonts["Title"] == "方正小标宋简体"
    assert [text for text, _, _ in footers(out)] == ["- 1 -", "- 1 -"]


def test_reports_with_options_are_valid_office_open_xml(tmp_path):
    every = ("  body_font: 方正仿宋_GBK\n  heading1_font: 方正黑体_GBK\n  heading2_font: 楷体\n"
             "  title_font: 华文中宋\n  page_numbers: hyphen\n")
    paths = [build_report(with_layout(tmp_path, every, source, f"{i}.yaml"), tmp_path / f"{i}.docx").output
             for i, source in enumerate((EXAMPLE, NARRATIVE))]
    errors = validate(paths)
    assert {str(p): errors[str(p)] for p in paths} == {str(p): [] for p in paths}


# -- what the clerk types wrong -------------------------------------------------------------------

def test_an_unknown_font_is_an_error_at_its_place_listing_the_allowed_names(tmp_path):
    facts = with_layout(tmp_path, "  heading2_font: 楷体_GB2312\n  body_font: 仿宋体\n")
    line = facts.read_text(encoding="utf-8").splitlines().index("  body_font: 仿宋体") + 1
    with pytest.raises(FactsError) as caught:
        check(facts)
    [problem] = caught.value.problems
    assert (problem.location.line, problem.location.column) == (line, 14)
    assert problem.label == "正文字体" and problem.path == "layout.body_font"
    assert "不认识“仿宋体”" in problem.message and "你是不是想写 仿宋？" in problem.message
    for allowed in ("仿宋_GB2312（", "仿宋（", "方正仿宋_GBK（"):
        assert allowed in problem.message


def test_an_unknown_page_number_style_names_the_styles_on_the_command_line(tmp_path):
    facts = with_layout(tmp_path, "  page_numbers: 第1页\n")
    result = subprocess.run([sys.executable, "-m", "reportgen", "check", str(facts)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "页码样式" in result.stderr and "不认识“第1页”" in result.stderr
    assert "gbt9704（— 1 —" in result.stderr and "hyphen（- 1 -" in result.stderr


def test_the_json_schema_offers_the_keys(tmp_path):
    import json

    result = subprocess.run([sys.executable, "-m", "reportgen", "schema"], capture_output=True, text=True, check=True)
    layout = json.loads(result.stdout)
    found = []

    def walk(node):  # the `layout` object, wherever the formats put it
        if isinstance(node, dict):
            if node.get("title") == "版式" and "properties" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(layout)
    assert found
    props = found[0]["properties"]
    assert props["body_font"]["enum"] == ["仿宋_GB2312", "仿宋", "方正仿宋_GBK"]
    assert props["page_numbers"]["enum"] == ["gbt9704", "hyphen"]
    assert found[0]["required"] == []


# -- the PDF --------------------------------------------------------------------------------------

def pdf_runs(pdf: Path, page: int) -> list[tuple[str, str]]:
    """(embedded font name without its subset prefix, text) of each text run on a page (1-based)."""
    from pypdf import PdfReader

    runs: list[tuple[str, str]] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip() and font:
            runs.append((str(font["/BaseFont"]).split("+", 1)[-1], text))

    PdfReader(pdf).pages[page - 1].extract_text(visitor_text=visit)
    return runs


def font_of(runs: list[tuple[str, str]], text: str) -> str:
    fonts = {font for font, run in runs if text in run}
    assert len(fonts) == 1, (text, fonts)
    return fonts.pop()


def page_number_line(pdf: Path, page: int) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [line for line in text.splitlines() if line.strip()][-1]


PDF_CASES = {
    # 仿宋 → FandolFang, 楷体 → AR PL UKai, 华文中宋 → Noto Serif CJK Bold (as 小标宋), 黑体 → Noto Sans CJK
    "windows": ("  body_font: 仿宋\n  heading2_font: 楷体\n  title_font: 华文中宋\n  page_numbers: hyphen\n",
                r"FandolFang-Regular", r"UKaiCN", r"NotoSerifCJK\w*-Bold\b.*", r"NotoSansCJK\w*-Regular\b.*", "-2-"),
    "gbk": ("  body_font: 方正仿宋_GBK\n  heading1_font: 方正黑体_GBK\n  heading2_font: 方正楷体_GBK\n"
            "  title_font: 方正小标宋_GBK\n",
            r"FandolFang-Regular", r"UKaiCN", r"NotoSerifCJK\w*-Bold\b.*", r"NotoSansCJK\w*-Regular\b.*", "—2—"),
    "default": ("", r"FandolFang-Regular", r"UKaiCN", r"NotoSerifCJK\w*-Bold\b.*", r"NotoSansCJK\w*-Regular\b.*",
                "—2—"),
}


@pytest.mark.parametrize("case", list(PDF_CASES))
def test_the_pdf_prints_each_option_in_its_mapped_font(tmp_path, case):
    layout, body, kai, title, hei, number = PDF_CASES[case]
    facts = with_layout(tmp_path, layout) if layout else EXAMPLE
    pdf = build_report(facts, tmp_path / "r.docx", pdf=True).output.with_suffix(".pdf")
    first = pdf_runs(pdf, 1)
    assert re.fullmatch(title, font_of(first, "年度政府信息公开工作年度报告"))
    assert re.fullmatch(hei, font_of(first, "一、总体情况"))
    assert re.fullmatch(kai, font_of(first, "（一）主动公开"))
    assert re.fullmatch(body, font_of(first, "开质量和实效。"))
    # No name fell back to a font of the system's own choosing (DejaVu, Droid…): only mapped fonts.
    every = {font for page in (1, 2) for font, _ in pdf_runs(pdf, page)}
    assert all(re.match(r"(FandolFang|UKaiCN|NotoS(erif|ans)CJK|LiberationSerif)", font) for font in every), every
    assert page_number_line(pdf, 2).strip() == number


def test_every_allowed_font_is_mapped_for_the_pdf():
    from reportgen.model.locality import FONT_KEYS
    from reportgen.model.typography import FONTCONFIG_FILE

    conf = etree.parse(str(FONTCONFIG_FILE))
    mapped = {s.text for s in conf.iterfind("match/test[@name='family']/string")}
    allowed = {name for _, choices in FONT_KEYS.values() for name in choices}
    assert allowed - mapped == set()


# -- the web page ---------------------------------------------------------------------------------

def css_font_lists(page: str) -> dict[str, str]:
    """The font-family of the body, h2 (一、), h3 (（一）) and h1 (the title) rules of the page's CSS."""
    return {sel: re.search(rf"(?:^|}}){re.escape(sel)}{{[^}}]*?font-family:([^;}}]*)", page, re.M).group(1)
            for sel in ("body", "h1,h2,h3,h4", "h3", "h1")}


def test_the_web_page_tries_the_chosen_fonts_first(tmp_path):
    base = build_report(EXAMPLE, tmp_path / "a.docx", html=True).output.with_suffix(".html")
    facts = with_layout(tmp_path, "  body_font: 方正仿宋_GBK\n  heading1_font: 方正黑体_GBK\n  heading2_font: 楷体\n"
                                  "  title_font: 华文中宋\n")
    chosen = build_report(facts, tmp_path / "b.docx", html=True).output.with_suffix(".html")
    before = css_font_lists(base.read_text(encoding="utf-8"))
    after = css_font_lists(chosen.read_text(encoding="utf-8"))
    assert before["body"].startswith('"仿宋", "FangSong", "仿宋_GB2312"')
    assert after["body"] == '"方正仿宋_GBK", ' + before["body"]
    assert after["h1,h2,h3,h4"] == '"方正黑体_GBK", ' + before["h1,h2,h3,h4"]
    assert after["h3"].startswith('"楷体", "KaiTi"') and after["h3"].count('"楷体"') == 1  # already first
    assert after["h1"].startswith('"华文中宋", "STZhongsong", "方正小标宋简体"')


def test_next_years_file_keeps_the_layout(tmp_path):
    from reportgen.api import new_year

    block = "  body_font: 仿宋\n  page_numbers: hyphen   # 本局习惯\n"
    out = new_year(with_layout(tmp_path, block), tmp_path / "next.yaml")
    assert out.read_text(encoding="utf-8").endswith("\nlayout:\n" + block)
