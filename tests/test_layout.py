"""GB/T 9704-2012 layout, read from the .docx XML of the built seed report."""

from __future__ import annotations

import pytest

from docxutil import NS, attr, part, q, style

TWIPS_PER_MM = 1440 / 25.4


def mm(twips: str | None) -> float:
    assert twips is not None
    return int(twips) / TWIPS_PER_MM


@pytest.fixture(scope="module")
def document(seed_docx):
    return part(seed_docx, "word/document.xml")


@pytest.fixture(scope="module")
def styles(seed_docx):
    return part(seed_docx, "word/styles.xml")


def test_page_is_a4_with_gbt9704_margins(document):
    sect = document.find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert round(mm(attr(size, "w"))) == 210 and round(mm(attr(size, "h"))) == 297
    for side, want in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        assert abs(mm(attr(margins, side)) - want) <= 0.1, side
    # The page number sits about 7 mm below the 225 mm text block.
    assert 18 <= mm(attr(margins, "footer")) <= 24


def test_grid_is_22_lines_and_body_makes_28_characters(document, styles):
    grid = document.find(".//w:body/w:sectPr/w:docGrid", NS)
    pitch_pt = int(attr(grid, "linePitch")) / 20
    assert 22 * pitch_pt <= 225 / 25.4 * 72 < 23 * pitch_pt  # 22 lines fill the text block
    normal = style(styles, "Normal")
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert attr(spacing, "lineRule") == "exact" and attr(spacing, "line") == attr(grid, "linePitch")
    # 28 characters of 16 pt, condensed by 0.25 pt, fit the 156 mm line; 29 do not.
    condense = int(attr(normal.find("w:rPr/w:spacing", NS), "val")) / 20
    width_pt = 156 / 25.4 * 72
    assert 28 * (16 + condense) <= width_pt < 29 * (16 + condense)


@pytest.mark.parametrize("style_id, east_asia, half_points, align", [
    ("Normal", "仿宋_GB2312", "32", "both"),
    ("Title", "方正小标宋简体", "44", "center"),
    ("Heading1", "黑体", "32", "both"),
    ("Heading2", "楷体_GB2312", "32", "both"),
    ("Heading3", "仿宋_GB2312", "32", "both"),
])
def test_styles_fonts_sizes(styles, style_id, east_asia, half_points, align):
    s = style(styles, style_id)
    fonts = s.find("w:rPr/w:rFonts", NS)
    assert attr(fonts, "eastAsia") == east_asia
    assert not [a for a in fonts.attrib if a.lower().endswith("theme")], "theme fonts override names"
    assert attr(s.find("w:rPr/w:sz", NS), "val") == half_points
    assert attr(s.find("w:pPr/w:jc", NS), "val") == align


@pytest.mark.parametrize("style_id", ["Normal", "Heading1", "Heading2", "Heading3"])
def test_body_and_headings_indent_two_characters(styles, style_id):
    ind = style(styles, style_id).find("w:pPr/w:ind", NS)
    assert attr(ind, "firstLineChars") == "200"


def test_title_is_not_indented(styles):
    assert attr(style(styles, "Title").find("w:pPr/w:ind", NS), "firstLineChars") == "0"


def test_every_font_declaration_names_the_east_asian_font(seed_docx):
    for name in ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/footer2.xml"):
        root = part(seed_docx, name)
        for fonts in root.iter(q("w:rFonts")):
            assert attr(fonts, "eastAsia"), f"{name}: rFonts without w:eastAsia"


def test_body_paragraphs_use_styles_not_direct_fonts(document):
    for run_fonts in document.iterfind(".//w:body//w:r/w:rPr/w:rFonts", NS):
        raise AssertionError(f"direct font on a run: {run_fonts.attrib}")


def test_odd_and_even_footers_with_page_field(seed_docx, document, styles):
    settings = part(seed_docx, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    rels = part(seed_docx, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    refs = {attr(r, "type"): targets[r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
            for r in document.iterfind(".//w:body/w:sectPr/w:footerReference", NS)}
    assert set(refs) >= {"default", "even"}
    for kind, align, side in (("default", "right", "rightChars"), ("even", "left", "leftChars")):
        footer = part(seed_docx, "word/" + refs[kind])
        p = footer.find("w:p", NS)
        assert attr(p.find("w:pPr/w:jc", NS), "val") == align
        assert attr(p.find("w:pPr/w:ind", NS), side) == "100"
        text = "".join(t.text for t in p.iter(q("w:t")))
        assert text == "— 1 —"  # "1" is the PAGE field's cached result
        assert "PAGE" in "".join(t.text for t in p.iter(q("w:instrText")))


def test_page_number_style_is_songti_14pt(styles):
    s = next(s for s in styles.iterfind("w:style", NS) if attr(s.find("w:name", NS), "val") == "页码")
    assert attr(s.find("w:rPr/w:rFonts", NS), "eastAsia") == "宋体"
    assert attr(s.find("w:rPr/w:sz", NS), "val") == "28"


def test_signature_and_date_positions(document):
    """Unsealed document: signature 2 characters from the right unless the date is longer; the
    date's first character 2 characters right of the signature's."""
    paragraphs = document.findall(".//w:body/w:p", NS)
    signature, date = paragraphs[-2], paragraphs[-1]
    sig_right = int(attr(signature.find("w:pPr/w:ind", NS), "rightChars")) / 100
    date_right = int(attr(date.find("w:pPr/w:ind", NS), "rightChars")) / 100
    # widths as printed: each character condensed by 0.3 pt, 15.7 of 16 pt (the PDF measurements
    # are in test_signing_pdf.py)
    sig_len, date_len = len("嘉兴市体育局") * 15.7 / 16, len("二〇一二年三月十六日") * 15.7 / 16
    assert date_right == 2  # the date is the longer: it keeps 2 characters from the right
    sig_start = -(sig_right + sig_len)
    date_start = -(date_right + date_len)
    assert date_start - sig_start == pytest.approx(2, abs=0.01)
