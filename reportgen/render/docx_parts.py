"""A Word template read once and rendered part by part, without python-docx or docxtpl.

docxtpl renders a template in these steps: python-docx opens the package; the body of
word/document.xml, each header and footer and the footnotes are serialized, cleaned up for Jinja
(`patch_xml`: many regular expressions), rendered, and their text fixed up (tabs and line breaks in
values become Word runs, table grids are adjusted, drawing ids renumbered); some core properties
are rendered too; python-docx then saves every part again. This module does the same steps, with
the same results byte for byte (tests/test_fast_render.py compares the two), but:

- the package is read and parsed once per template file and process (`prepare`), and only the
  parts a report changes are made anew per report;
- the clean-up and the Jinja compilation of each part are done once per part's text and kept, in
  memory and in the user's cache folder (`compiled`, reportgen.render.docxtpl_steps, with the
  fix-ups after rendering): a cold build neither imports docxtpl nor runs its regular expressions;
- the package is returned as parts (name → bytes), zipped once by the caller.

Shapes: `prepare(path) -> Prepared`; `Prepared.render(context, env) -> dict[str, bytes]`.
Errors: zipfile.BadZipFile, KeyError (a part missing), lxml.etree.XMLSyntaxError (damaged XML),
and Jinja's errors while rendering; render.py turns them into Chinese messages.
"""

from __future__ import annotations

import copy
import datetime as _dt
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2
from lxml import etree

from .docxtpl_steps import W, compiled, finish, fix_tables, renumber_drawings
from .template_sandbox import bounded_render

_W = f"{{{W}}}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_REL = _RELTYPE + "officeDocument"
_CT = "application/vnd.openxmlformats-"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_FOOTNOTES = _CT + "officedocument.wordprocessingml.footnotes+xml"
# Parts python-docx loads as XML and writes out again (docx/__init__.py, PartFactory): their bytes
# in a report are lxml's serialization of them, not the template's bytes.
_XML_PARTS = {
    CT_CORE,
    _CT + "officedocument.wordprocessingml.comments+xml",
    _CT + "officedocument.wordprocessingml.document.main+xml",
    _CT + "officedocument.wordprocessingml.footer+xml",
    _CT + "officedocument.wordprocessingml.header+xml",
    _CT + "officedocument.wordprocessingml.numbering+xml",
    _CT + "officedocument.wordprocessingml.settings+xml",
    _CT + "officedocument.wordprocessingml.styles+xml",
}

# python-docx's parser: whitespace-only text between elements is dropped, entities not resolved.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def parse(xml: bytes | str) -> etree._Element:
    """An XML part parsed as python-docx parses it (whitespace between elements dropped, entities
    not resolved), so that serializing it gives the bytes python-docx would write."""
    return etree.fromstring(xml, _PARSER)


def serialize(element: etree._Element) -> bytes:
    """An XML part's bytes as python-docx writes them (UTF-8, standalone declaration)."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)




# -- core properties ----------------------------------------------------------------------------

_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
# The core properties docxtpl renders with Jinja (render_properties), in its order.
RENDERED_PROPERTIES = ("dc:creator", "dc:description", "dc:identifier", "dc:language", "dc:subject", "dc:title")


def _child(root: etree._Element, name: str) -> etree._Element:
    """The property element, added at the end when missing (as python-docx does)."""
    prefix, local = name.split(":")
    clark = f"{{{_NS[prefix]}}}{local}"
    element = root.find(clark)
    if element is None:
        element = etree.Element(clark, nsmap={prefix: _NS[prefix]})
        root.append(element)
    return element


# The children of w:pPr that the schema (CT_PPrBase, then CT_PPr) puts after w:ind, in its order.
PPR_AFTER_IND = tuple(f"{_W}{name}" for name in (
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))


def paragraph_ind(paragraph: etree._Element) -> tuple[etree._Element, etree._Element]:
    """The paragraph's w:pPr and its w:ind, each added where the schema puts it when missing (Word
    refuses a w:ind after w:jc; LibreOffice does not mind)."""
    ppr = paragraph.find(_W + "pPr")
    if ppr is None:
        ppr = etree.Element(_W + "pPr", nsmap={"w": W})
        paragraph.insert(0, ppr)
    ind = ppr.find(_W + "ind")
    if ind is None:
        ind = etree.Element(_W + "ind", nsmap={"w": W})
        later = next((child for child in ppr if child.tag in PPR_AFTER_IND), None)
        if later is None:
            ppr.append(ind)
        else:
            later.addprevious(ind)
    return ppr, ind


def set_text(root: etree._Element, name: str, value: str) -> None:
    """Set core property `name` ("dc:title") to `value`, cut to the 255 characters a property holds."""
    _child(root, name).text = value[:255]  # a core property holds at most 255 characters


def get_text(root: etree._Element, name: str) -> str:
    """The text of core property `name` ("" when missing)."""
    prefix, local = name.split(":")
    element = root.find(f"{{{_NS[prefix]}}}{local}")
    return "" if element is None or element.text is None else element.text


def set_moment(root: etree._Element, name: str, moment: _dt.datetime) -> None:
    """Set a date property (dcterms:created, dcterms:modified, cp:lastPrinted) to `moment`, in UTC
    W3CDTF form, as python-docx writes it."""
    element = _child(root, name)
    element.text = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if name in ("dcterms:created", "dcterms:modified"):
        xsi = f"{{{_NS['xsi']}}}"
        root.set(xsi + "foo", "bar")  # so the xsi namespace is declared on the root, as python-docx does
        element.set(xsi + "type", "dcterms:W3CDTF")
        del root.attrib[xsi + "foo"]


# -- the template, read once ----------------------------------------------------------------------

@dataclass
class Prepared:
    """A template package read and parsed: the parts every report copies as they are, and the
    parts each report renders."""

    parts: dict[str, bytes]
    document_name: str
    document: etree._Element  # word/document.xml without its body's content changing
    body: str  # the body's XML, as docxtpl gives it to Jinja (before the clean-up)
    rendered: list[tuple[str, str, bool]] = field(default_factory=list)  # (part, source, is header/footer)
    core_name: str | None = None
    core: etree._Element | None = None
    style_names: dict[str, str] = field(default_factory=dict)  # paragraph style id → name
    default_style: str = ""
    tables_may_change: bool = True  # whether rendering can change a table's cells (see `prepare`)

    def render(self, context: dict[str, Any], env: jinja2.Environment, cache: Path | None,
               after_body: Callable[[etree._Element, "Prepared"], None] | None = None) -> dict[str, bytes]:
        """Every part of the report (name → bytes), rendered with `context`."""
        parts = dict(self.parts)
        xml = finish(bounded_render(compiled(self.body, env, cache, patch=True), context))
        body = etree.fromstring(xml, etree.XMLParser(recover=True))
        if self.tables_may_change:
            fix_tables(body)
        renumber_drawings(body)
        document = copy.deepcopy(self.document)
        document.replace(document.find(_W + "body"), body)
        if after_body is not None:
            after_body(body, self)
        parts[self.document_name] = serialize(document)
        for name, source, header in self.rendered:
            text = finish(bounded_render(compiled(source, env, cache, patch=True), context))
            parts[name] = serialize(parse(text.encode("utf-8"))) if header else text.encode("utf-8")
        return parts

    def render_core(self, parts: dict[str, bytes], context: dict[str, Any], env: jinja2.Environment,
                    cache: Path | None, values: dict[str, str], moment: _dt.datetime) -> None:
        """docProps/core.xml: the properties docxtpl renders, then `values` (name → text) and the
        dates set to `moment`."""
        if self.core is None or self.core_name is None:
            return
        core = copy.deepcopy(self.core)
        for name in RENDERED_PROPERTIES:
            set_text(core, name, bounded_render(compiled(get_text(core, name), env, cache, patch=False), context))
        for name in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
            set_moment(core, name, moment)
        for name, value in values.items():
            set_text(core, name, value)
        parts[self.core_name] = serialize(core)

    def style_name(self, paragraph: etree._Element) -> str:
        """The name of a paragraph's style, as python-docx resolves it (unknown → the default)."""
        ppr = paragraph.find(_W + "pPr")
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        if style is None:
            return self.default_style
        return self.style_names.get(style.get(_W + "val"), self.default_style)


def prepare(path: Path) -> Prepared:
    """Read a .docx template (see the module's docstring for the errors it raises)."""
    with zipfile.ZipFile(path) as package:
        raw = {name: package.read(name) for name in package.namelist() if not name.endswith("/")}
    types = _content_types(raw["[Content_Types].xml"], raw)
    parts = {name: (serialize(parse(data)) if types.get(name) in _XML_PARTS else data)
             for name, data in raw.items()}
    package_rels = _relationships(raw, "")
    main = next(target for kind, target in package_rels if kind == _MAIN_REL)
    document = parse(raw[main])
    body = document.find(_W + "body")
    if body is None:
        raise KeyError("w:body")
    prepared = Prepared(parts, main, document, etree.tostring(body, encoding="unicode"))
    # Values are escaped, so only a Jinja statement ({%tc for %}, {% colspan %}, …) in a table can
    # change its cells: without one, and with rows that fit their grid, fix_tables has nothing to do.
    probe = copy.deepcopy(body)
    fix_tables(probe)
    prepared.tables_may_change = (any("{%" in "".join(table.itertext()) for table in body.iter(_W + "tbl"))
                                  or etree.tostring(probe) != etree.tostring(body))
    # The body is rendered anew for each report: the document keeps an empty one, cheap to copy.
    document.replace(body, etree.Element(body.tag))
    rendered = set()
    for kind, target in _relationships(raw, main):
        if kind in (_RELTYPE + "header", _RELTYPE + "footer") and raw.get(target):
            if target not in rendered:
                rendered.add(target)
                prepared.rendered.append((target, etree.tostring(parse(parts[target]), encoding="unicode"), True))
        elif kind == _RELTYPE + "styles" and target in raw:
            prepared.style_names, prepared.default_style = _styles(parse(raw[target]))
    for name, content_type in types.items():
        if content_type == CT_FOOTNOTES and name in raw:
            prepared.rendered.append((name, raw[name].decode("utf-8"), False))
    core = next((name for name, content_type in types.items() if content_type == CT_CORE and name in raw), None)
    if core is not None:
        prepared.core_name, prepared.core = core, parse(raw[core])
    return prepared


def _content_types(xml: bytes, raw: dict[str, bytes]) -> dict[str, str]:
    root = etree.fromstring(xml)
    defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in root.iter(_CT_NS + "Default")}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in root.iter(_CT_NS + "Override")}
    return {name: overrides.get(name) or defaults.get(posixpath.splitext(name)[1][1:].lower(), "")
            for name in raw}


def _relationships(raw: dict[str, bytes], source: str) -> list[tuple[str, str]]:
    """(type, part name) of the internal relationships of part `source` ("" for the package)."""
    folder, base = posixpath.split(source)
    rels = raw.get(posixpath.join(folder, "_rels", base + ".rels"))
    if rels is None:
        return []
    found = []
    for rel in etree.fromstring(rels).iter(_REL_NS + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found.append((rel.get("Type", ""), name))
    return found


def _styles(root: etree._Element) -> tuple[dict[str, str], str]:
    """Paragraph style names by id, as python-docx resolves a paragraph's style: the first style of
    an id, if it is a paragraph style (no w:type means one); and the default paragraph style's name
    (the last one marked default), which stands for anything else."""
    names: dict[str, str] = {}
    default = ""
    for style in root.iter(_W + "style"):
        name_element = style.find(_W + "name")
        name = name_element.get(_W + "val", "") if name_element is not None else ""
        paragraph = style.get(_W + "type", "paragraph") == "paragraph"
        style_id = style.get(_W + "styleId", "")
        if style_id not in names:
            names[style_id] = name if paragraph else None  # type: ignore[assignment]
        if paragraph and style.get(_W + "default") == "1":
            default = name
    return {k: v for k, v in names.items() if v is not None}, default
