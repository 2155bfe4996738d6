"""A published report → facts in the shape of a facts file, with a note on every unsure value.

`import_document(path)` reads the file (see `read_document`), finds the title, agency, year,
signature and date (`front`), the headings whatever their setting (`headings`), tells the format
(national 2021 — its 2019 trial tables named as such — or the narrative reports of the 2008 条例),
turns the text into sections (`sections`) and the tables into counts (`counts`), cross-checks the
counts (`crosscheck`: what is read unsurely is marked `unsure:`), and keeps attachments
(`attach`). What the facts cannot say is said in a notice (`notices`) and, where kept, a comment."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from . import attach, counts, crosscheck, front, headings, sections, statutory, structure
from .document import Block, Para, Table, clean
from .imported import Imported
from .read_docx import ReadError
from .reading import read_document
from .shape import Shape, escape

__all__ = ["Imported", "ReadError", "import_document", "read_document"]


def import_document(path: str | Path, *, ocr: bool = False) -> Imported:
    """The facts of the published report at `path` (see `read_document`; `ocr` reads a scan by OCR)."""
    path = Path(path)
    return recognize(read_document(path, ocr=ocr), path)


def recognize(blocks: list[Block], path: Path) -> Imported:
    """The facts of a report given as blocks (what a reader returns for `path`)."""
    imp = Imported(path, {}, exact=path.suffix.lower() != ".pdf")
    # a line break typed inside a paragraph (Shift+Enter, a title set on two lines) is no space in Chinese
    paras: list[Block] = [b if isinstance(b, Table) else Para(clean(b.text.replace("\n", "")), b.align, b.style, b.bold,
                                                              b.size, b.font, b.indent, b.unsure) for b in blocks]
    said: list[str] = []
    paras = headings.normalize([b for b in paras if isinstance(b, Table) or b.text], said)
    for text in said:
        imp.warn(text, None)
    start, title = front.title(paras, imp)
    paras, attachments = attach.split(paras, start)
    one_line = attach.one_line(attachments)
    end, signature, signed = front.signing(paras, start, imp)
    body = paras[start:end]
    listed = True
    if attachments:  # the 附件：1.…… list under the text is printed from the attachments
        listed = len(attach.without_list(body)) < len(body)
        body = attach.without_list(body)
    while body and isinstance(body[0], Para) and front.META.match(body[0].text):
        body.pop(0)
    agency, year, default_title = structure.parse_title(title)
    texts = [b.text if isinstance(b, Para) else b for b in body]
    if year is None:
        year = front.guess_year(texts, signed, imp)
    yearless = isinstance(signed, tuple) and bool(signed) and signed[0] == "yearless"
    signed = front.resolve_date(signed, year, imp)
    tables = [b for b in body if isinstance(b, Table) and statutory.kind(b)]
    national = bool(tables) or _has_national_sections(texts)
    data = imp.data
    data["format"] = "national-2021" if national else "narrative-2011"
    data["agency"] = front.agency(agency, signature, texts, imp)
    data["year"] = year
    if signed is None:  # no date is invented: the rebuild prints none, and the checks say they could not check
        imp.date_known = False
        data["show_date"] = False
        imp.note("show_date", "原报告没有成文日期，不印日期；知道实际成文日期时可加上 signed:（不印出），用来检查公布期限")
        imp.warn("报告末尾没有找到成文日期：事实文件写了 show_date: false（不印日期），没有写 signed，所以不检查公布期限；"
                 "知道实际成文日期时请加上 signed:。",
                 "报告末尾没有找到成文日期（落款日期）：没有检查是否按时发布。")
        style = "arabic"
    else:
        data["signed"], style = signed
        if yearless:  # printed as the report printed it: 3月25日
            data["show_date_year"] = False
    if title and not default_title:
        data["title"] = escape(title)
    if signature and signature != data["agency"]["name"]:
        data["signature"] = signature
    if not signature:
        data["show_signature"] = False
        imp.note("show_signature", "原报告没有落款，不印落款")
    if style != ("arabic" if national else "chinese"):
        data["date_style"] = style
    if national:
        _national(texts, tables, imp)
    else:
        sections.narrative(texts, imp)
    if attachments:
        if one_line:
            imp.data["attachment_caption"] = "one_line"
            imp.note("attachment_caption", "原报告的附件标题与“附件1：”印在同一行")
        if not listed:
            imp.data["show_attachment_list"] = False
            imp.note("show_attachment_list", "原报告正文之后没有列出附件（附件说明），重新生成时也不列")
        imp.data["attachments"] = attachments
    if imp.unsure:
        imp.data["unsure"] = dict(imp.unsure)
        imp.note("unsure", "导入时没有把握读对的数：请逐条与原报告核对，无误（或改正）后删去那一条")
    return imp


def _has_national_sections(texts: list[Any]) -> bool:
    """The six sections are there (a report whose tables were not found is still national)."""
    found = sections.national_parts(texts)[1]
    return sum(1 for n, (heading, _) in found.items() if headings.section_number(heading) == n) >= 4


def _national(texts: list[Any], tables: list[Table], imp: Imported) -> None:
    data = imp.data
    shape = Shape(2)
    _, bodies = sections.national_text(texts, imp, shape)
    read = counts.read_tables(tables, imp)
    notes: dict[str, str] = {}
    for k, key in ((2, "active_disclosure"), (3, "applications"), (4, "review_litigation")):
        body = bodies.get(k, [])
        after_table = [t for i, t in enumerate(body) if isinstance(t, str) and i and isinstance(body[i - 1], Table)]
        if after_table and after_table[0].startswith("注"):
            notes[key] = escape(after_table[0])
        dropped = [t for t in body if isinstance(t, str) and t != (after_table[0] if after_table and key in notes else None)]
        kind = {2: "active", 3: "applications", 4: "reviews"}[k]
        if dropped:
            imp.warn(f"“{counts.TABLE_NAMES[kind]}”标题下表格以外的 "
                     f"{len(dropped)} 段文字没有导入：" + "；".join(d[:30] for d in dropped) + "。", None)
        digits = [d for d in dropped if re.search(r"\d", d) and len(d) <= 30]
        if digits and not imp.exact and kind in read:  # bits of the table the page's reading left outside it
            read[kind].doubt[key] = f"表旁有没有读进表格的文字（{'；'.join(d[:12] for d in digits[:3])}），表中可能有格子没有读到"
    others = data.pop("other_matters")
    if isinstance(others, dict):
        data["processing_fee"] = sections.fee(others.get("paragraphs", []), data, imp)
        data["other_matters"] = others
    else:
        data["other_matters"], data["processing_fee"] = others, sections.fee(others, data, imp)
    if notes:
        data["table_notes"] = notes
    shape.finish(data)
    sections.plain_parts(data["overview"])
    crosscheck.run(imp, read, texts)
    order = ["format", "agency", "year", "signed", "title", "signature", "date_style", "show_signature", "show_date",
             "show_date_year", "numbering", "run_in", "preamble", "overview", "active_disclosure", "applications",
             "review_litigation", "table_notes", "problems", "other_matters", "processing_fee", "fee_sentence",
             "attachment_caption", "show_attachment_list", "attachments"]
    imp.data = {k: data[k] for k in order if k in data}
