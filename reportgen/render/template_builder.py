"""Make the Word templates in templates/ from the shared GB/T 9704 layout (reportgen.render.layout).

Run `python scripts/make_templates.py` after changing this file or layout.py; a test checks that
the committed templates match what this module makes. Each template is generic: nothing in it
belongs to one agency, and every tag sits in a run of its own.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from ..model.typography import FANGSONG, HEITI, KAITI, LATIN, SONGTI, XIAOBIAOSONG
from . import tables
from .layout import HEADING_FONTS, LINE_PITCH_TWIPS, RUN_IN_STYLE, add_paragraph, new_document

BLOCK_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4"}
RUN_IN_KINDS = {f"r{n}": RUN_IN_STYLE.format(n) for n in HEADING_FONTS}
BOLD_RANKS = (3, 4)  # 1. / 1、 and （1） may be printed bold (仿宋加粗): kinds h3b, h4b, r3b, r4b


def add_title(doc: DocumentObject) -> None:
    """Add the title paragraph (style Title): the title's lines joined by line breaks."""
    add_paragraph(doc, '{{ title_lines|join("\\n") }}', "Title")


def add_blocks(doc: DocumentObject, variable: str = "blocks") -> None:
    """A loop printing derived blocks: headings in their heading style, the rest as body text."""
    loop = "ab" if "." in variable else "b"  # a nested loop (an attachment's text) has its own name
    add_paragraph(doc, f"{{%p for {loop} in {variable} %}}")
    if loop != "b":
        add_paragraph(doc, f"{{%p set b = {loop} %}}")
    for i, (kind, style) in enumerate(BLOCK_STYLES.items()):
        add_paragraph(doc, f'{{%p {"if" if i == 0 else "elif"} b.kind == "{kind}" %}}')
        add_paragraph(doc, "{{ b.text }}", style)
    for rank in BOLD_RANKS:
        add_paragraph(doc, f'{{%p elif b.kind == "h{rank}b" %}}')
        add_paragraph(doc, "{{ b.text }}", f"Heading {rank}").runs[0].bold = True
    for kind, char_style in RUN_IN_KINDS.items():
        # A run-in heading: the head in its heading's font, then the text, in one body paragraph.
        for bold in (False, True) if int(kind[1:]) in BOLD_RANKS else (False,):
            add_paragraph(doc, f'{{%p elif b.kind == "{kind}{"b" if bold else ""}" %}}')
            paragraph = add_paragraph(doc, "{{ b.head }}", "Normal")
            paragraph.runs[0].style = doc.styles[char_style]
            paragraph.runs[0].bold = bold or None
            paragraph.add_run("{{ b.text }}")
    # The text's last paragraph, kept on the page of the signature and date (GB/T 9704: never a
    # page with only the signature); a template without this branch prints it as body text.
    add_paragraph(doc, '{%p elif b.kind == "pk" %}')
    add_paragraph(doc, "{{ b.text }}", "Normal").paragraph_format.keep_with_next = True
    add_paragraph(doc, "{%p else %}")
    add_paragraph(doc, "{{ b.text }}", "Normal")
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{%p endfor %}")


def add_signing(doc: DocumentObject) -> None:
    """Signature and date, each printed only when the facts give it (a web-page report may have neither)."""
    for name, style in (("signature", "落款"), ("date", "成文日期")):
        add_paragraph(doc, f"{{%p if {name} %}}")
        paragraph = add_paragraph(doc, f"{{{{ {name} }}}}", style)
        # GB/T 9704 §7.3.5.2: the right indent depends on the lengths, so the context gives it
        # (in hundredths of a character and in twips; render.py also sets it, for older templates).
        ind = OxmlElement("w:ind")
        ind.set(qn("w:rightChars"), f"{{{{ {name}_right_chars }}}}")
        ind.set(qn("w:right"), f"{{{{ {name}_right_twips }}}}")
        paragraph._p.get_or_add_pPr().append(ind)
        add_paragraph(doc, "{%p endif %}")


def add_note(doc: DocumentObject, key: str) -> None:
    """The 注： line under a statutory table, when the facts give one."""
    add_paragraph(doc, f"{{%p if notes.{key} %}}")
    add_paragraph(doc, f"{{{{ notes.{key} }}}}", "表注")
    add_paragraph(doc, "{%p endif %}")


def add_attachment_list(doc: DocumentObject) -> None:
    """附件说明 under the text (GB/T 9704 §7.3.4): 附件：1.…… one line each."""
    add_paragraph(doc, "{%p if attachment_list %}")
    add_paragraph(doc, "").paragraph_format.keep_with_next = True
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{%p for line in attachment_list %}")
    add_paragraph(doc, "{{ line }}", "附件说明")
    add_paragraph(doc, "{%p endfor %}")


def add_attachments(doc: DocumentObject) -> None:
    """Each attachment on a new page: 附件N at the top left and its title (or both on one line,
    附件N：标题, when the context gives `a.caption`), text, table (columns and rows of any count:
    docxtpl's {%tc %} loops) and note."""
    add_paragraph(doc, "{%p for a in attachments %}")
    # 附件1：标题 on one line when the office prints it so (attachment_caption: one_line).
    add_paragraph(doc, "{%p if a.caption %}")
    # one blank line of the grid below it, as below the title it stands for
    add_paragraph(doc, "{{ a.caption }}", "附件标识").paragraph_format.space_after = Twips(LINE_PITCH_TWIPS)
    add_paragraph(doc, "{%p else %}")
    add_paragraph(doc, "{{ a.label }}", "附件标识")
    add_paragraph(doc, '{{ a.title_lines|join("\\n") }}', "Title")
    add_paragraph(doc, "{%p endif %}")
    add_blocks(doc, "a.blocks")
    add_paragraph(doc, "{%p if a.columns %}")
    table = doc.add_table(rows=4, cols=3)
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    width = tables.TEXT_WIDTH_MM / 3
    from docx.shared import Mm

    for column in table.columns:
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
            cell.paragraphs[0].style = doc.styles["表格文字"]
    for row, (loop, value, end) in enumerate((
        ("{%tc for c in a.columns %}", "{{ c }}", "{%tc endfor %}"),
        ("{%tr for row in a.rows %}", "", ""),
        ("{%tc for c in row %}", "{{ c }}", "{%tc endfor %}"),
        ("{%tr endfor %}", "", ""),
    )):
        for col, text in enumerate((loop, value, end)):
            if text:
                table.cell(row, col).paragraphs[0].add_run(text)
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{%p if a.note %}")
    add_paragraph(doc, "{{ a.note }}", "表注")
    add_paragraph(doc, "{%p endif %}")
    add_paragraph(doc, "{%p endfor %}")


def narrative_2011() -> DocumentObject:
    """The narrative format's template: title, the text's blocks, the attachment list, signing and attachments."""
    doc = new_document()
    add_title(doc)
    add_blocks(doc)
    add_attachment_list(doc)
    add_signing(doc)
    add_attachments(doc)
    return doc


def national_2021() -> DocumentObject:
    """The national format's template: title, 一、总体情况, the three statutory tables under their
    headings with their notes, 五 and 六, the attachment list, signing and attachments."""
    doc = new_document()
    add_title(doc)
    add_blocks(doc, "overview")
    add_paragraph(doc, "{{ headings[2] }}", "Heading 1")
    tables.active_disclosure(doc)
    add_note(doc, "active_disclosure")
    add_paragraph(doc, "{{ headings[3] }}", "Heading 1")
    tables.applications(doc)
    add_note(doc, "applications")
    add_paragraph(doc, "{{ headings[4] }}", "Heading 1")
    tables.review_litigation(doc)
    add_note(doc, "review_litigation")
    add_blocks(doc, "closing")
    add_attachment_list(doc)
    add_signing(doc)
    add_attachments(doc)
    return doc


BUILDERS = {"narrative-2011.docx": narrative_2011, "national-2021.docx": national_2021}


# -- the package around the document ---------------------------------------------------------------
# python-docx saves the parts of its own default template along with ours: an app.xml saying
# "Microsoft Macintosh Word", 1 page, 0 words; a font table of ＭＳ 明朝 and the like; a blank
# thumbnail. Each report inherits them from the template, so they are replaced here.

APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>reportgen</Application></Properties>"
)

# The fonts the styles name (reportgen.model.typography), as Word describes them in a font table: charset 86
# is GB2312; altName is the name Windows also knows the face by (仿宋_GB2312 is 仿宋 on Windows 10+).
# (name, altName, charset, family, pitch)
FONTS = (
    (FANGSONG, "仿宋", "86", "modern", "fixed"),
    (KAITI, "楷体", "86", "modern", "fixed"),
    (HEITI, "SimHei", "86", "modern", "fixed"),
    (XIAOBIAOSONG, "", "86", "auto", "variable"),
    (SONGTI, "SimSun", "86", "auto", "variable"),
    (LATIN, "", "00", "roman", "variable"),
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
# Parts of python-docx's default template nothing reads: Word 2010's copy of the styles with effects
# (438 KB, compressed again into every report) and an empty bibliography (customXml).
UNUSED_RELS = {
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
}


def font_table() -> bytes:
    """word/fontTable.xml naming the fonts the styles use (FONTS), as Word describes them."""
    w = f"{{{W_NS}}}"
    fonts = etree.Element(w + "fonts", nsmap={"w": W_NS})
    for name, alt, charset, family, pitch in FONTS:
        font = etree.SubElement(fonts, w + "font", {w + "name": name})
        if alt:
            etree.SubElement(font, w + "altName", {w + "val": alt})
        etree.SubElement(font, w + "charset", {w + "val": charset})
        etree.SubElement(font, w + "family", {w + "val": family})
        etree.SubElement(font, w + "pitch", {w + "val": pitch})
    return _xml_bytes(fonts)


def _xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def clean_package(data: bytes) -> bytes:
    """A .docx as python-docx saved it, with our app.xml and font table, and without the thumbnail,
    stylesWithEffects.xml and customXml (their parts, relationships, content types)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    rels = etree.fromstring(parts["_rels/.rels"])
    for rel in rels.findall(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") == THUMBNAIL_REL:
            parts.pop(rel.get("Target").lstrip("/"), None)
            rels.remove(rel)
    parts["_rels/.rels"] = _xml_bytes(rels)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    for rel in rels.findall(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type") in UNUSED_RELS:
            target = posixpath.normpath(posixpath.join("word", rel.get("Target")))
            # a customXml item comes with its properties and relationships, all in customXml/
            folder = target.split("/")[0] + "/" if target.startswith("customXml/") else target
            for name in [n for n in parts if n == target or n.startswith(folder)]:
                del parts[name]
            rels.remove(rel)
    parts["word/_rels/document.xml.rels"] = _xml_bytes(rels)
    types = etree.fromstring(parts["[Content_Types].xml"])
    extensions = {name.rsplit(".", 1)[-1].lower() for name in parts if "." in name.rsplit("/", 1)[-1]}
    for override in types.findall(f"{{{CT_NS}}}Override"):
        if override.get("PartName", "").lstrip("/") not in parts:
            types.remove(override)
    for default in types.findall(f"{{{CT_NS}}}Default"):
        if default.get("Extension", "").lower() not in extensions:
            types.remove(default)
    parts["[Content_Types].xml"] = _xml_bytes(types)
    parts["docProps/app.xml"] = APP_XML
    parts["word/fontTable.xml"] = font_table()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def template_bytes(document: DocumentObject) -> bytes:
    """A built template document as the bytes committed in templates/ (cleaned and normalized, so
    remaking it gives the same bytes)."""
    from .determinism import document_bytes, normalize_package

    return normalize_package(clean_package(document_bytes(document)))


def make_all(folder: Path) -> list[Path]:
    """Write every template of BUILDERS into `folder`; returns the paths written."""
    written = []
    for name, builder in BUILDERS.items():
        path = folder / name
        path.write_bytes(template_bytes(builder()))
        written.append(path)
    return written
