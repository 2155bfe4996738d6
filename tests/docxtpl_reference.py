"""The reference renderer: the template rendered by docxtpl and saved by python-docx, as reportgen
did before it rendered parts itself (reportgen.render.docx_parts). Tests compare the two."""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from reportgen.render import attachment_indents
from reportgen.render.render import environment


def reference_docx(template: Path, context: dict[str, Any], properties: dict[str, Any]) -> bytes:
    doc = DocxTemplate(str(template))
    doc.render(context, jinja_env=environment(), autoescape=True)
    indents = {"落款": context.get("signature_indent"), "成文日期": context.get("date_indent")}
    for paragraph in doc.docx.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        chars = indents.get(name)
        if chars is None:
            continue
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:rightChars"), str(round(chars * 100)))
        ind.set(qn("w:right"), str(round(chars * 16 * 20)))
    for paragraph in doc.docx.paragraphs:  # 附件说明: each line's indents (GB/T 9704 §7.3.4), as reportgen sets them
        if (paragraph.style.name if paragraph.style is not None else "") != attachment_indents.STYLE:
            continue
        texts = [t for t in paragraph._p.iter(qn("w:t")) if t.text]
        if not texts:
            continue
        line = "".join(t.text for t in texts)
        text, left, hanging, left_pt, hanging_pt = attachment_indents.indents(line)
        if text != line:
            attachment_indents.strip_leading_spaces(texts)
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        for attr in list(ind.attrib):
            del ind.attrib[attr]
        ind.set(qn("w:leftChars"), str(round(left * 100)))
        ind.set(qn("w:left"), str(round(left_pt * 20)))
        ind.set(qn("w:hangingChars"), str(round(hanging * 100)))
        ind.set(qn("w:hanging"), str(round(hanging_pt * 20)))
    core = doc.docx.core_properties
    stamp = properties.get("date")
    moment = _dt.datetime.combine(stamp, _dt.time()) if isinstance(stamp, _dt.date) else _dt.datetime(2000, 1, 1)
    core.created = core.modified = moment
    core.last_printed = moment
    core.title = str(properties.get("title", ""))[:255]
    core.author = str(properties.get("author", ""))[:255]
    core.last_modified_by = str(properties.get("author", ""))[:255]
    core.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
