"""The 附件说明 lines under the text (GB/T 9704-2012 §7.3.4): 「附件」 2 characters in, then 「：」 and
the name; several attachments numbered 附件：1.名称, the later numbers under the first one's; a name
too long for one line wraps under its own first character, not to the left margin (a new user's
report: 「附件：1.示例市示例局2025年度政府信息公开申请办理情 / 况明细」 wrapped to the margin).

Checked in the .docx (each line's left and hanging indents, in characters) and in the PDF
LibreOffice makes (where the wrapped line starts against where the name's first character stands).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import DATA
from docxutil import NS, attr, part

from reportgen import build_report
from reportgen.publish.pdf import convert_to_pdf

CHAR = 16.0  # pt, 3号
LONG = "{agency.name}{year}年度政府信息公开申请办理情况明细"  # 示例市示例局2025年度…: wraps after 情
THREE = f"""\
attachments:
  - title: "{LONG}"
    table:
      columns: [栏目, 条数]
      rows: [[通知公告, "120"]]
  - title: 2025年主动公开信息分类统计表
    table:
      columns: [栏目, 条数]
      rows: [[通知公告, "120"]]
  - title: "{{agency.name}}{{year}}年政务新媒体信息发布情况统计表和说明"
    table:
      columns: [平台, 条数]
      rows: [[微信公众号, "86"]]
"""
ONE = THREE.split("  - title: 2025")[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("attachment-list")
    example = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    docs = {}
    for name, tail in (("three", THREE), ("one", ONE)):
        facts = folder / f"{name}.yaml"
        facts.write_text(example + tail, encoding="utf-8")
        docs[name] = folder / f"{name}.docx"
        build_report(facts, docs[name])
    pdfs = {pdf.stem: pdf for pdf in convert_to_pdf(list(docs.values()), folder / "pdf")}
    return {name: (docs[name], pdfs[name]) for name in docs}


def listing(docx: Path) -> list[tuple[str, dict[str, int]]]:
    """(text, {leftChars, hangingChars}) of each 附件说明 paragraph."""
    body = part(docx, "word/document.xml")
    found = []
    for p in body.iter(f"{{{NS['w']}}}p"):
        if attr(p.find("w:pPr/w:pStyle", NS), "val") != "附件说明":
            continue
        ind = p.find("w:pPr/w:ind", NS)
        text = "".join(t.text or "" for t in p.iter(f"{{{NS['w']}}}t"))
        found.append((text, {k: int(attr(ind, k) or 0) for k in ("leftChars", "hangingChars")}))
    return found


def test_one_attachment_wraps_under_the_name(built):
    """附件：名称 — 附件 at 2 characters, the name at 2 + 3 (附件：) = 5: left 5, hanging 3."""
    [(text, ind)] = listing(built["one"][0])
    assert text == "附件：示例市示例局2025年度政府信息公开申请办理情况明细"
    assert ind == {"leftChars": 500, "hangingChars": 300}


def test_numbered_lines_indent_each_to_its_name(built):
    """1. is half-width (Times New Roman: ½ + ¼ character), so the name stands at 5¾ characters;
    the first line starts at 2 characters (附件：), the later ones at 5, under the 1."""
    lines = listing(built["three"][0])
    assert [text[:5] for text, _ in lines] == ["附件：1.", "2.202", "3.示例市"]  # no full-width spaces
    for n, (_, ind) in enumerate(lines):
        assert ind == {"leftChars": 575, "hangingChars": 375 if n == 0 else 75}, ind


def _lines(pdf: Path, first: str) -> list[list[tuple[str, float]]]:
    """The characters (text, left x in pt) of the PDF's lines from the one starting with `first`
    to the end of its page, line by line."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for page in doc:
            text = page.get_textpage()
            chars = [(text.get_text_range(i, 1), text.get_charbox(i, loose=True)) for i in range(text.count_chars())]
            joined = "".join(c for c, _ in chars)
            at = joined.find(first)
            if at < 0:
                continue
            rows: list[list[tuple[str, float]]] = []
            last_y = None
            for c, (left, bottom, _, _) in chars[at:]:
                if c in "\r\n" or not c.strip():
                    continue
                if last_y is None or abs(bottom - last_y) > CHAR / 2:
                    rows.append([])
                last_y = bottom
                rows[-1].append((c, left))
            return rows
    finally:
        doc.close()
    raise AssertionError(f"{first} not in {pdf}")


def test_the_wrapped_name_starts_under_its_first_character_in_the_pdf(built):
    rows = _lines(built["three"][1], "附件：1.")
    first = "".join(c for c, _ in rows[0])
    assert first.startswith("附件：1.示例市示例局2025年度") and not first.endswith("明细"), first
    name_x = rows[0][5][1]  # 示, after 附件：1.
    assert rows[0][5][0] == "示"
    assert "".join(c for c, _ in rows[1]) in "况明细" and rows[1][0][0] != "2"  # the wrapped rest
    assert abs(rows[1][0][1] - name_x) <= CHAR / 4, (rows[1][0], name_x)
    # 2. and 3. under 1.
    number_x = rows[0][3][1]
    assert rows[0][3][0] == "1"
    assert rows[2][0][0] == "2" and abs(rows[2][0][1] - number_x) <= CHAR / 4, (rows[2][0], number_x)
    assert rows[3][0][0] == "3" and abs(rows[3][0][1] - number_x) <= CHAR / 4, (rows[3][0], number_x)
    # 3.'s own name wraps under its own first character
    assert abs(rows[4][0][1] - rows[3][2][1]) <= CHAR / 4, (rows[4][0], rows[3][2])


def test_a_single_name_wraps_under_its_first_character_in_the_pdf(built):
    rows = _lines(built["one"][1], "附件：")
    assert rows[0][3][0] == "示"
    assert abs(rows[1][0][1] - rows[0][3][1]) <= CHAR / 4, (rows[1][0], rows[0][3])
    assert abs(rows[0][0][1] - (rows[0][3][1] - 3 * CHAR)) <= CHAR / 4  # 附件 3 characters before it
