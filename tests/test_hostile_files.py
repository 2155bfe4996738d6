"""Published files in odd shapes (issue 18: read them right, or say that you cannot): pages turned
on their side, a file that reads as nothing, two reports on one page, a file whose content is not
what its extension says. Every fixture is made here from a corpus file (tests/fixtures/published/),
so its expected reading is the corpus file's, typed and checked by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import published as P  # noqa: E402

LINHU = P.CORPUS / "linhu-district-2023.pdf"
LINHU_EXP = P.E.load(P.CORPUS / "linhu-district-2023.expected.txt")


def _turned(source: Path, out: Path, how: str) -> Path:
    """`source` with every page shown turned: /Rotate 90 or 180 on the page (turned in a viewer and
    saved), or the page drawn sideways into a landscape page ("content90", no /Rotate)."""
    with pikepdf.open(source) as pdf:
        if how.startswith("rotate"):
            for page in pdf.pages:
                page.Rotate = int(how[len("rotate"):])
            pdf.save(out)
            return out
        turned = pikepdf.new()
        for page in pdf.pages:
            w, h = float(page.mediabox[2]), float(page.mediabox[3])
            form = turned.copy_foreign(page.as_form_xobject())
            new = turned.add_blank_page(page_size=(h, w))
            new.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(P=form))
            new.Contents = turned.make_stream(f"q 0 1 -1 0 {h} 0 cm /P Do Q".encode())
        turned.save(out)
    return out


@pytest.mark.parametrize("how", ["rotate90", "rotate180", "rotate270", "content90"])
def test_a_page_shown_on_its_side_is_read_turned_upright(tmp_path, how):
    # before: every character was "not upright" and left out, the import read an empty narrative
    # report (year 2000) and `check` passed it with exit code 0
    score = P.score(_turned(LINHU, tmp_path / f"linhu.{how}.pdf", how), LINHU_EXP)
    assert not score.error
    assert score.found == score.lines, score.missing_lines
    assert score.facts_equal == score.facts_values > 160, score.facts_wrong
    assert not score.slips_missed and not score.false_alarms


# -- files that are not what they say, or hold nothing ------------------------------------------

def _cli(args: list[str], capsys) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    from reportgen.cli import main

    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html", ".doc"])
def test_an_empty_file_is_refused_as_empty(tmp_path, capsys, suffix):
    # before: a 0-byte .doc was converted to an empty document, imported as a report of the year 2000,
    # and `check` passed it (exit 0); the others said "Document is empty" or "File is not a zip file"
    empty = tmp_path / f"空 报告{suffix}"
    empty.write_bytes(b"")
    for command in (["import", str(empty), "-o", str(tmp_path / "x.yaml")], ["check", str(empty)]):
        code, said = _cli(command, capsys)
        assert code == 1 and "文件是空的（0 字节）" in said and "重新下载" in said, said
        assert "Traceback" not in said
    assert not (tmp_path / "x.yaml").exists()


def test_a_document_without_any_text_is_refused(tmp_path, capsys):
    import docx

    blank = tmp_path / "blank.docx"
    docx.Document().save(blank)
    code, said = _cli(["check", str(blank)], capsys)
    assert code == 1 and "没有读出任何文字" in said, said


@pytest.mark.parametrize("source, name, content, right", [
    ("nancang-street-2025.html", "report.pdf", "HTML 网页", ".html"),  # a site's page saved as .pdf
    ("linhu-district-2023.pdf", "report.docx", "PDF 文件", ".pdf"),
    ("lanzhou-eco-bureau-2023.docx", "report.html", "Word 文档（.docx）", ".docx"),
    ("lanzhou-eco-bureau-2023.docx", "report.pdf", "Word 文档（.docx）", ".docx"),
])
def test_a_file_whose_content_is_another_kind_says_which_and_the_fix(tmp_path, capsys, source, name, content, right):
    # before: a .docx named .html was read as a page of binary text and imported; the others said
    # only "损坏" or "File is not a zip file"
    target = tmp_path / name
    target.write_bytes((P.CORPUS / source).read_bytes())
    code, said = _cli(["import", str(target), "-o", str(tmp_path / "x.yaml")], capsys)
    assert code == 1 and content in said and f"扩展名改为 {right}" in said, said
    assert not (tmp_path / "x.yaml").exists()


@pytest.mark.parametrize("content", [b"PK\x03\x04broken", b"PK\x05\x06" + b"\x00" * 18])
def test_a_broken_docx_is_explained_in_chinese(tmp_path, capsys, content):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    code, said = _cli(["check", str(bad)], capsys)
    assert code == 1 and "不是有效的 Word 文档" in said and "另存为 .docx" in said, said
    assert "zip file" not in said and "There is no item" not in said


def test_a_folder_named_like_a_report_is_said_to_be_a_folder(tmp_path, capsys):
    folder = tmp_path / "x.pdf"
    folder.mkdir()
    code, said = _cli(["import", str(folder), "-o", str(tmp_path / "x.yaml")], capsys)
    assert code == 1 and "文件夹" in said and "找不到" not in said, said


# -- two reports in one file ---------------------------------------------------------------------

def _two_reports(tmp_path: Path, factor: int) -> Path:
    """linhu-district-2023 as a CMS page (cms_html, as the corpus's pages are made), followed on the
    same page by a second report whose every table figure is `factor` times the first's (so its own
    sums still add up: nothing but the duplication can give it away)."""
    import re

    from cms_html import write_page

    page = tmp_path / "two.html"
    write_page(LINHU_EXP, page, site="淮东市临湖区人民政府", encoding="utf-8", title_in="h1")
    html = page.read_text(encoding="utf-8")
    content = re.search(r'<div id="zoom" class="article-content">(.*?)</div>', html, re.S)
    assert content
    other = re.sub(r'<p align="center">(\d+)</p>', lambda m: f'<p align="center">{int(m.group(1)) * factor}</p>',
                   content.group(1).replace("2023", "2022"))
    second = f'<h1>临湖区人民政府2022年政府信息公开工作年度报告</h1><div class="article-content">{other}</div>'
    page.write_text(html.replace(content.group(0), content.group(0) + second), encoding="utf-8")
    return page


def test_two_reports_on_one_page_are_not_merged_and_are_said(tmp_path):
    # before: each statutory table of the second report was merged into the first's (read as a table
    # cut by a page break), so the 2023 title got the 2022 figures — 21 wrong, no finding
    from reportgen.api import check_report

    sys.path.insert(0, str(P.CORPUS))
    page = _two_reports(tmp_path, 2)
    score = P.score(page, LINHU_EXP, check=False)
    assert score.facts_equal == score.facts_values > 160, score.facts_wrong
    found = [f for f in check_report(page).findings if "两张表" in f.message]
    assert len(found) == 3 and all(f.severity == "error" for f in found), found
    assert "只检查了第一张" in found[0].message


def test_the_same_table_twice_is_read_once_without_alarm(tmp_path):
    from reportgen.api import check_report

    sys.path.insert(0, str(P.CORPUS))
    page = _two_reports(tmp_path, 1)
    score = P.score(page, LINHU_EXP, check=False)
    assert score.facts_equal == score.facts_values > 160, score.facts_wrong
    assert not [f for f in check_report(page).findings if "两张表" in f.message]


def test_a_rollup_under_a_file_says_so_in_chinese(tmp_path, capsys):
    # before: "无法写入汇总表（File exists）。"
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.docx").write_bytes((P.CORPUS / "lanzhou-eco-bureau-2023.docx").read_bytes())
    (tmp_path / "out.txt").write_text("x")
    code, said = _cli(["check", str(folder), "-o", str(tmp_path / "out.txt" / "汇总.csv")], capsys)
    assert code == 1 and "out.txt 是一个文件，不是文件夹" in said and "File exists" not in said, said


# -- web pages -----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_a_page_saved_with_a_byte_order_mark_is_decoded_by_it(tmp_path, encoding):
    # before: a page saved as "Unicode" (UTF-16 with a BOM) was decoded as GB18030 — one paragraph
    # of mojibake, all 166 figures blank, and check said only that a paragraph was too long
    from cms_html import write_page

    sys.path.insert(0, str(P.CORPUS))
    page = tmp_path / "page.html"
    write_page(LINHU_EXP, page, site="淮东市临湖区人民政府", encoding="utf-8", title_in="h1")
    text = page.read_text(encoding="utf-8").replace('<meta charset="utf-8">', "")
    bom = b"\xfe\xff" if encoding == "utf-16-be" else b""  # Python's utf-16-be codec writes no mark
    page.write_bytes(bom + text.encode(encoding))
    score = P.score(page, LINHU_EXP, check=False)
    assert score.facts_equal == score.facts_values > 160, score.facts_wrong
    assert score.found == score.lines, score.missing_lines


@pytest.mark.parametrize("name, content, said", [
    ("b.doc", b"\x00\x01x", "内容不是 Word 或 WPS 文档"),  # junk: LibreOffice opened it as plain text
    ("b.wps", "本报告".encode("gbk") * 50, "内容不是 Word 或 WPS 文档"),
    ("p.doc", (P.CORPUS / "linhu-district-2023.pdf").read_bytes(), "扩展名改为 .pdf"),
])
def test_a_doc_or_wps_that_is_no_document_is_refused(tmp_path, capsys, name, content, said):
    # before: LibreOffice opened the junk as plain text, the import wrote a report of the year 2000
    # and `check` gave three warnings and exit 0
    bad = tmp_path / name
    bad.write_bytes(content)
    code, out = _cli(["check", str(bad)], capsys)
    assert code == 1 and said in out and "无法读取" in out, out


@pytest.mark.parametrize("source", ["nancang-street-2025.html", "lanzhou-eco-bureau-2023.docx"])
def test_a_web_page_or_a_docx_named_doc_is_read_by_its_content(tmp_path, capsys, source):
    # sites serve Word's "save as web page" and renamed .docx files under .doc; before, LibreOffice
    # opened the GBK page as text of another encoding: mojibake, no title, no table
    expected = P.E.load(P.CORPUS / f"{Path(source).stem}.expected.txt")
    (tmp_path / "one").mkdir()
    named = tmp_path / "one" / "report.doc"
    named.write_bytes((P.CORPUS / source).read_bytes())
    score = P.score(named, expected)
    assert not score.error and score.found == score.lines, score.missing_lines
    assert score.facts_equal == score.facts_values > 160, score.facts_wrong
    assert not score.slips_missed and not score.false_alarms
    code, out = _cli(["check", str(tmp_path / "one"), "-o", str(tmp_path / "r.csv")], capsys)
    assert "已检查 1 份报告" in out and "无法读取" not in out and "没有认出报告的标题" not in out, out


def test_a_2025_page_cut_short_is_an_error_not_a_narrative_report(tmp_path, capsys):
    # before: the first 400 bytes of a 2025 page (title only) imported as a narrative report, and
    # `check` passed it with three warnings (exit 0): its tables were never checked
    cut = tmp_path / "cut.html"
    cut.write_bytes((P.CORPUS / "nancang-street-2025.html").read_bytes()[:400])
    code, out = _cli(["check", str(cut)], capsys)
    assert code == 1 and "2025 年度报告应使用全国统一格式" in out and "没有找到统一格式的表格" in out, out
    assert "这些数没有检查" in out
