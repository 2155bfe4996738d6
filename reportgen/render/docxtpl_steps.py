"""What docxtpl does to one part of a template, done the way docxtpl does it (reportgen.render.docx_parts
applies these to each part it renders):

- before Jinja: docxtpl's clean-up of the part's XML (`patch_xml`), and the compilation, done once
  per part's text and kept in memory (MEMORY) and in the user's cache folder (`compiled`);
- after Jinja: the paragraph breaks and escaped braces put back, tabs, line breaks and page breaks
  in values turned into Word markup (`finish`), table grids fitted to the rendered rows
  (`fix_tables`) and drawing ids made unique (`renumber_drawings`).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

import jinja2
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

# -- the per-part Jinja code, cleaned up and compiled once ----------------------------------------------

MEMORY: dict[Any, Any] = {}  # everything kept for the process (render._COMPILED is this dict)


CACHE_FORMAT = "2"  # bump when what is cached changes meaning


def compiled(source: str, env: jinja2.Environment, cache: Path | None, *, patch: bool) -> jinja2.Template:
    """The Jinja template of one part's XML `source` (cleaned up by docxtpl's `patch_xml` first
    when `patch`, and with a line break before each paragraph, as docxtpl renders it). Kept in
    memory, and as marshalled code in `cache` (a private folder, or None)."""
    key = (patch, source)
    template = MEMORY.get(key)
    if template is not None:
        return template
    if len(MEMORY) > 256:
        MEMORY.clear()
    digest = hashlib.sha256(
        f"{CACHE_FORMAT}|{sys.version}|{jinja2.__version__}|{_docxtpl_version() if patch else ''}|"
        f"{type(env).__name__}|{env.autoescape}|{env.trim_blocks}|{env.lstrip_blocks}|{env.keep_trailing_newline}|"
        f"{patch}|".encode() + source.encode("utf-8")).hexdigest()
    path = cache / f"{digest}.jinja" if cache is not None else None
    code = None
    if path is not None:
        try:
            code = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            code = None
    if code is None:
        text = _patch_xml(source) if patch else source
        if patch:
            text = re.sub(r"<w:p([ >])", r"\n<w:p\1", text)
        code = env.compile(text)
        if path is not None:
            try:
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(marshal.dumps(code))
                os.replace(tmp, path)
            except OSError:
                pass
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    MEMORY[key] = template
    return template


def _docxtpl_version() -> str:
    """Which docxtpl cleans up (its template.py's size and time), without importing it or reading
    package metadata (importlib.metadata alone costs ~25 ms of a cold build)."""
    version = MEMORY.get("docxtpl-version")
    if version is None:
        from importlib.util import find_spec

        try:
            spec = find_spec("docxtpl")
            info = Path(spec.origin).with_name("template.py").stat() if spec and spec.origin else None
            version = f"{info.st_size}-{info.st_mtime_ns}" if info else "?"
        except (ImportError, OSError, ValueError):
            version = "?"
        MEMORY["docxtpl-version"] = version
    return version


def _patch_xml(xml: str) -> str:
    """docxtpl's clean-up of a part's XML for Jinja (only on a cache miss: it imports docxtpl)."""
    from docxtpl import DocxTemplate

    return DocxTemplate.patch_xml(DocxTemplate.__new__(DocxTemplate), xml)


# -- after rendering: what docxtpl does to the rendered text ----------------------------------------------

def finish(xml: str) -> str:
    """docxtpl's steps after Jinja (render_xml_part): the paragraph line breaks out again, escaped
    braces back, then tabs, line breaks, page breaks and \\a in values turned into Word markup."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if "\t" in xml or "\a" in xml or "\n" in xml or "\f" in xml:
        xml = _PARAGRAPH.sub(_listing_paragraph, xml)
    return xml


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.DOTALL)


_TEXT = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)


_PPR = re.compile(r"<w:pPr>.*?</w:pPr>")


_RPR = re.compile(r"<w:rPr>.*?</w:rPr>")


_SPECIAL = re.compile("[\t\a\n\f]")


def _listing_paragraph(m: re.Match[str]) -> str:
    paragraph = m.group(0)
    if not _SPECIAL.search(paragraph):
        return paragraph
    found = _PPR.search(paragraph)
    ppr = found.group(0) if found else ""
    return _RUN.sub(lambda r: _listing_run(ppr, r.group(0)), paragraph)


def _listing_run(ppr: str, run: str) -> str:
    found = _RPR.search(run)
    rpr = found.group(0) if found else ""
    text_open = '<w:t xml:space="preserve">'

    def text(t: re.Match[str]) -> str:
        xml = t.group(0)
        xml = xml.replace("\t", f"</w:t></w:r><w:r>{rpr}<w:tab/></w:r><w:r>{rpr}{text_open}")
        xml = xml.replace("\a", f"</w:t></w:r></w:p><w:p>{ppr}<w:r>{rpr}{text_open}")
        xml = xml.replace("\n", f"</w:t><w:br/>{text_open}")
        return xml.replace("\f", f'</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p>'
                                 f"<w:p>{ppr}<w:r>{rpr}{text_open}")

    return _TEXT.sub(text, run)


def fix_tables(body: etree._Element) -> None:
    """Table grids that match the rendered rows (docxtpl's fix_tables): a row with more cells than
    grid columns adds columns, scaled to keep the table's width; grid columns no row reaches are
    removed and their width shared out. A no-op for tables whose rows fit their grid."""
    for table in body.iter(_W + "tbl"):
        grid = table.find(_W + "tblGrid")
        columns = grid.findall(_W + "gridCol")
        rows = list(table.iter(_W + "tr"))
        most_cells = max((len(r.findall(_W + "tc")) for r in rows), default=0)
        extra = max(0, most_cells - len(columns))
        if extra:
            width = sum(float(c.get(_W + "w")) for c in columns if c.get(_W + "w") is not None)
            if width > 0:
                old, new = width / len(columns), width / (len(columns) + extra)
                for c in columns:
                    c.set(_W + "w", str(int(float(c.get(_W + "w")) * new / old)))
                for _ in range(extra):
                    etree.SubElement(grid, _W + "gridCol", {_W + "w": str(int(new))})
        columns = grid.findall(_W + "gridCol")
        widest = max((sum(_span(cell) for cell in r.findall(_W + "tc")) for r in rows), default=0)
        surplus = len(columns) - widest
        if surplus > 0:
            removed = 0.0
            for c in columns[-surplus:]:
                removed += float(c.get(_W + "w"))
                grid.remove(c)
            left = grid.findall(_W + "gridCol")
            share = int(removed / len(left)) if left else 0
            for c in left:
                c.set(_W + "w", str(int(float(c.get(_W + "w")) + share)))


def _span(cell: etree._Element) -> int:
    props = cell.find(_W + "tcPr")
    span = None if props is None else props.find(_W + "gridSpan")
    return 1 if span is None else int(span.get(_W + "val"))


_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def renumber_drawings(body: etree._Element) -> None:
    """Unique ids for drawings (a loop repeats them): 1001, 1002, … in document order."""
    for n, element in enumerate(body.iter(_DOCPR), start=1001):
        element.attrib["id"] = str(n)
