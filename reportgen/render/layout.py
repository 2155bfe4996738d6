"""The GB/T 9704-2012 page and styles, shared by every report template.

Used only to *make* the Word templates in templates/ (scripts/make_templates.py); rendering a
report never calls this. All formatting lives in named Word styles so an office can restyle a
template in Word: 正文 (Normal), 标题 (Title), 标题 1–3 (Heading 1–3), 落款, 成文日期, 页码, 表格文字.
"""

from __future__ import annotations

import datetime as _dt

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from ..model.typography import FANGSONG, HEITI, KAITI, LATIN, SONGTI, XIAOBIAOSONG

# -- the numbers of GB/T 9704-2012 ----------------------------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
FOOTER_DISTANCE = Mm(21)  # puts the page number ≈7 mm below the text block
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_SIZE = 16  # 3号
TITLE_SIZE = 22  # 2号
PAGE_NUMBER_SIZE = 14  # 4号
TABLE_SIZE = 9  # 小五: "自然人" fits one line of the applications table's 11 mm columns
# Text block 225 mm high / 22 lines ≈ 28.95 pt; 579 twips (28.95 pt).
LINE_PITCH_TWIPS = 579
# 28 characters a line: 156 mm / 28 = 15.79 pt a character. The grid declares lines only: with a
# character grid (linesAndChars, charSpace -849) LibreOffice 7.4 puts each 16 pt character in two
# cells and sets 14 to a line (measured). Instead every style condenses its characters by 0.3 pt
# (16 − 0.3 = 15.7 pt; 28 × 15.7 = 439.6 pt ≤ 442.2 pt < 29 × 15.7), which gives 28 a line in Word
# and LibreOffice alike, and exact 28.95 pt line spacing gives 22 lines a page in both.
# Not 0.25 pt: with 15.75 pt characters LibreOffice 7.4 drops (does not draw) a justified line's
# hanging punctuation mark — the seed report lost 8 commas and 、 in its PDF (measured).
CONDENSE_TWENTIETHS = -6

# GB/T 9704 §7.3.3: 一、 黑体, （一） 楷体, 1. and （1） 仿宋.
HEADING_FONTS = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}
RUN_IN_STYLE = "接排标题 {}"

# A fixed date for the template's own metadata, so remaking a template gives the same bytes.
EPOCH = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)


def _child(parent, tag: str, **attrs: str):
    """The first child `tag` of `parent`, created if missing. python-docx's own get_or_add_*
    inserts in schema order (Word rejects misordered properties); elements it does not know are
    appended, so callers add those in schema order."""
    found = parent.find(qn(tag))
    if found is None:
        getter = getattr(parent, "get_or_add_" + tag.split(":")[1], None)
        if getter is not None:
            found = getter()
        else:
            found = OxmlElement(tag)
            parent.append(found)
    for key, value in attrs.items():
        found.set(qn(key), value)
    return found


def set_fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Name the font for every script, East Asian first, and drop theme fonts (which win over names)."""
    fonts = _child(rpr, "w:rFonts")
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):
            del fonts.attrib[attr]
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def _reset(style) -> tuple:
    """Clear a style's own paragraph and run formatting; return fresh (pPr, rPr)."""
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = el.find(qn(tag))
        if old is not None:
            el.remove(old)
    return el.get_or_add_pPr(), el.get_or_add_rPr()


def _run_props(rpr, east_asia: str, size: float, *, condense: bool = True) -> None:
    set_fonts(rpr, east_asia)
    _child(rpr, "w:color", **{"w:val": "000000"})
    if condense:
        _child(rpr, "w:spacing", **{"w:val": str(CONDENSE_TWENTIETHS)})
    half_points = str(int(size * 2))
    _child(rpr, "w:sz", **{"w:val": half_points})
    _child(rpr, "w:szCs", **{"w:val": half_points})
    _child(rpr, "w:lang", **{"w:val": "en-US", "w:eastAsia": "zh-CN"})


def _para_props(ppr, *, align: str = "both", first_line_chars: int = 200, line_twips: int = LINE_PITCH_TWIPS,
                before: int = 0, after: int = 0, keep_next: bool = False, outline: int | None = None,
                autospace: bool = True, snap: bool = True) -> None:
    """Paragraph properties, added in the order the schema requires."""
    if keep_next:
        _child(ppr, "w:keepNext")
    if not autospace:
        # No extra quarter-space between Chinese characters and digits: 2026年1月20日 is then
        # exactly as wide as its characters count, which the signing indents rely on.
        _child(ppr, "w:autoSpaceDE", **{"w:val": "0"})
        _child(ppr, "w:autoSpaceDN", **{"w:val": "0"})
    if not snap:
        # Off the page's line grid: small table text keeps its own line height.
        _child(ppr, "w:snapToGrid", **{"w:val": "0"})
    _child(ppr, "w:spacing", **{"w:before": str(before), "w:after": str(after),
                                "w:line": str(line_twips), "w:lineRule": "exact"})
    if first_line_chars:
        # firstLineChars is what Word uses; firstLine (twips, 2 × 16 pt) is the fallback.
        _child(ppr, "w:ind", **{"w:firstLineChars": str(first_line_chars),
                                "w:firstLine": str(first_line_chars * BODY_SIZE * 20 // 100)})
    else:
        _child(ppr, "w:ind", **{"w:firstLineChars": "0", "w:firstLine": "0"})
    _child(ppr, "w:jc", **{"w:val": align})
    if outline is not None:
        _child(ppr, "w:outlineLvl", **{"w:val": str(outline)})


def _style(doc: DocumentObject, name: str, *, base: str | None = "Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base and name != base:
        style.base_style = styles[base]
    style.quick_style = True
    return style


def _defaults(doc: DocumentObject) -> None:
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr_default, FANGSONG)
    # The grid's character pitch is reckoned from the default size (16 pt + charSpace/4096):
    # LibreOffice reads it from here, so it must be the body size, not Word's 11 pt.
    for tag in ("w:sz", "w:szCs"):
        _child(rpr_default, tag, **{"w:val": str(BODY_SIZE * 2)})
    _child(rpr_default, "w:lang", **{"w:val": "en-US", "w:eastAsia": "zh-CN"})
    ppr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    if ppr_default is not None:
        spacing = ppr_default.find(qn("w:pPr") + "/" + qn("w:spacing"))
        if spacing is not None:
            spacing.getparent().remove(spacing)


def _styles(doc: DocumentObject) -> None:
    _defaults(doc)
    normal = doc.styles["Normal"]
    ppr, rpr = _reset(normal)
    _para_props(ppr)
    _run_props(rpr, FANGSONG, BODY_SIZE)

    title = _style(doc, "Title")
    ppr, rpr = _reset(title)
    # 35 pt exact keeps a 22 pt line whole; one grid line of space below before the text.
    _para_props(ppr, align="center", first_line_chars=0, line_twips=700, after=LINE_PITCH_TWIPS, keep_next=True)
    _run_props(rpr, XIAOBIAOSONG, TITLE_SIZE, condense=False)

    for level, font in HEADING_FONTS.items():
        heading = _style(doc, f"Heading {level}")
        ppr, rpr = _reset(heading)
        _para_props(ppr, keep_next=True, outline=level - 1)
        _run_props(rpr, font, BODY_SIZE)
        # A run-in heading (（一）主动公开情况。全年……) is a run in the heading's font inside a body
        # paragraph: a character style of its own, restyled in Word like the paragraph styles.
        run_in = doc.styles.add_style(RUN_IN_STYLE.format(level), WD_STYLE_TYPE.CHARACTER)
        run_in.quick_style = True
        set_fonts(run_in.element.get_or_add_rPr(), font)

    listing = _style(doc, "附件说明")
    ppr, rpr = _reset(listing)
    # 附件 2 characters in, a wrapped name under its first character (GB/T 9704 §7.3.4): left 5,
    # hanging 3 characters for 附件：名称; the report sets each line's own (render.attachment_indents).
    # Left-aligned, no extra space where digits meet characters: the widths add up. The template puts
    # one blank line above the first. Kept with what follows, so the list, the signature and the
    # date share a page with the text (GB/T 9704).
    _para_props(ppr, keep_next=True, first_line_chars=0, autospace=False, align="left")
    _child(ppr, "w:ind", **{"w:leftChars": "500", "w:left": str(5 * BODY_SIZE * 20),
                            "w:hangingChars": "300", "w:hanging": str(3 * BODY_SIZE * 20)})
    for attr in ("w:firstLineChars", "w:firstLine"):
        ppr.find(qn("w:ind")).attrib.pop(qn(attr))
    label = _style(doc, "附件标识")
    ppr, rpr = _reset(label)
    _para_props(ppr, first_line_chars=0, align="left")
    _child(ppr, "w:pageBreakBefore")
    _run_props(rpr, HEITI, BODY_SIZE)

    note = _style(doc, "表注")
    ppr, rpr = _reset(note)
    _para_props(ppr, first_line_chars=0)
    _run_props(rpr, FANGSONG, BODY_SIZE)

    signature = _style(doc, "落款")
    ppr, rpr = _reset(signature)
    # One blank line above; the right indent is set per report (it depends on the lengths).
    _para_props(ppr, align="right", first_line_chars=0, before=LINE_PITCH_TWIPS, keep_next=True)
    date = _style(doc, "成文日期")
    ppr, rpr = _reset(date)
    _para_props(ppr, align="right", first_line_chars=0)

    page_number = _style(doc, "页码", base=None)
    ppr, rpr = _reset(page_number)
    _para_props(ppr, align="right", first_line_chars=0, line_twips=int(PAGE_NUMBER_SIZE * 20 * 1.2))
    _run_props(rpr, SONGTI, PAGE_NUMBER_SIZE, condense=False)
    # The numerals are half-width 宋体 too.
    set_fonts(rpr, SONGTI, SONGTI)

    table_text = _style(doc, "表格文字")
    ppr, rpr = _reset(table_text)
    _para_props(ppr, align="center", first_line_chars=0, line_twips=int(TABLE_SIZE * 20 * 1.5), snap=False)
    _run_props(rpr, FANGSONG, TABLE_SIZE, condense=False)


KEEP_STYLES = {"Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "落款", "成文日期", "页码", "表格文字",
               "表注", "附件说明", "附件标识", *(RUN_IN_STYLE.format(n) for n in HEADING_FONTS),
               "Default Paragraph Font", "Normal Table", "Table Grid", "No List"}


def _prune_styles(doc: DocumentObject) -> None:
    """Drop the styles of python-docx's default template that reports never use: they carry theme
    fonts without an East Asian font, and an office restyling the template should see only ours."""
    root = doc.styles.element
    kept_ids = set()
    for el in list(root.iterchildren(qn("w:style"))):
        name = el.find(qn("w:name"))
        # styles.xml spells built-in names in lower case ("heading 1"); python-docx capitalises.
        if name is not None and name.get(qn("w:val")).lower() in {k.lower() for k in KEEP_STYLES}:
            kept_ids.add(el.get(qn("w:styleId")))
        else:
            root.remove(el)
    for el in root.iterchildren(qn("w:style")):
        for tag in ("w:link", "w:next", "w:basedOn"):
            ref = el.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in kept_ids:
                el.remove(ref)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


def _page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)
    sect_pr = section._sectPr
    grid = _child(sect_pr, "w:docGrid")
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _page_number_paragraph(paragraph, *, odd: bool) -> None:
    """— N — with a PAGE field; odd pages right, even pages left, each indented one character."""
    ppr = paragraph._p.get_or_add_pPr()
    _child(ppr, "w:jc", **{"w:val": "right" if odd else "left"})
    side = "w:right" if odd else "w:left"
    _child(ppr, "w:ind", **{side + "Chars": "100", side: str(PAGE_NUMBER_SIZE * 20)})

    def run(text: str | None = None, *, fld: str | None = None, instr: str | None = None):
        r = OxmlElement("w:r")
        if fld:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), fld)
            r.append(el)
        elif instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r.append(el)
        else:
            el = OxmlElement("w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            r.append(el)
        paragraph._p.append(r)

    run("— ")
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(" —")


def _footers(doc: DocumentObject) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles["页码"]
        _page_number_paragraph(paragraph, odd=odd)


# Word 2013 and later open a document with compatibilityMode 14 (Word 2010's) in 兼容模式; 15 is
# the current mode (Word 2013 to Microsoft 365). python-docx's default template says 14.
COMPATIBILITY_MODE = "15"


def _settings(doc: DocumentObject) -> None:
    """Current compatibility mode; Chinese as the East Asian language of theme fonts (the default
    template says Japanese)."""
    settings = doc.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:eastAsia"), "zh-CN")


def new_document() -> DocumentObject:
    """An empty document with the GB/T 9704 page, styles and page-number footers."""
    doc = Document()
    _settings(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _styles(doc)
    _prune_styles(doc)
    _page(doc)
    _footers(doc)
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.created = props.modified = EPOCH.replace(tzinfo=None)
    props.revision = 1
    props.comments = ""
    props.title = "{{ title }}"
    props.subject = "政府信息公开工作年度报告"
    props.keywords = ""
    return doc


def add_paragraph(doc: DocumentObject, text: str, style: str = "Normal"):
    """A paragraph holding `text` in a single run, so a Jinja tag is never split across runs."""
    paragraph = doc.add_paragraph(style=doc.styles[style])
    paragraph.add_run(text)
    return paragraph


__all__ = ["new_document", "add_paragraph", "set_fonts"]
