"""Attachments (附件) after the text: caption, paragraphs, a table, a 注： line — each becomes one of
the facts' `attachments:` (reportgen.document.attachments), never dropped without a word."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from . import statutory, structure
from .document import Block, Para, Table, number_text
from .front import parse_yearless
from .shape import escape, paragraphs
from .table_cells import distinct_cells

_ATTACHMENT = re.compile(r"^附\s*件\s*([0-9一二三四五六七八九十]*)\s*[:：]?\s*(.*)$")
_LIST = re.compile(r"^附件\s*[:：]")
_ONE_LINE = "_one_line"  # an attachment's mark while imported: captioned 附件1：标题 on one line


def _is_date(b: Block) -> bool:
    return isinstance(b, Para) and bool(structure.parse_date(b.text) or parse_yearless(b.text))


def _heading(b: Block) -> str | None:
    """The caption typed on an attachment's first line ("" for 附件1 alone), or None for no attachment line."""
    if not isinstance(b, Para) or len(b.text) > 60 or "。" in b.text:
        return None
    m = _ATTACHMENT.match(b.text)
    return None if not m or (not m.group(1) and m.group(2) and not b.text.startswith("附件：")) else m.group(2)


def split(paras: list[Block], start: int) -> tuple[list[Block], list[dict[str, Any]]]:
    """The blocks without the attachments, and the attachments. They begin at a 附件 line after the
    report's date, or at one after the text that a table follows within three blocks."""
    first = None
    for i in range(start + 1, len(paras)):
        if _heading(paras[i]) is None:
            continue
        after_date = any(_is_date(paras[j]) for j in range(max(start + 1, i - 3), i))
        table_follows = any(isinstance(b, Table) and not statutory.kind(b) for b in paras[i + 1:i + 4])
        if after_date or (table_follows and not any(isinstance(b, Table) and statutory.kind(b) for b in paras[i:])):
            first = i
            break
    if first is None:
        return paras, []
    found: list[dict[str, Any]] = []
    for b in paras[first:]:
        caption = _heading(b)
        if caption is not None:
            found.append({"title": escape(caption) if caption else None, "paragraphs": [], _ONE_LINE: bool(caption)})
        elif isinstance(b, Para) and found[-1]["title"] is None:
            found[-1]["title"] = escape(b.text)
        elif isinstance(b, Table) and "table" not in found[-1]:
            found[-1]["table"] = _table(b)
        elif isinstance(b, Para) and "table" in found[-1] and b.text.startswith("注") and "note" not in found[-1]:
            found[-1]["note"] = escape(b.text)
        elif isinstance(b, Para):
            found[-1]["paragraphs"].append(b.text)
        elif isinstance(b, Table):
            found[-1]["paragraphs"].append("".join(c.text for row in b.rows for c in distinct_cells(row)))
    out = []
    for item in found:
        item["paragraphs"] = paragraphs(item["paragraphs"])
        if not item["paragraphs"]:
            del item["paragraphs"]
        if item["title"] is None:
            item["title"] = "（请填写附件标题）"
        out.append(item)
    return paras[:first], out


def one_line(attachments: list[dict[str, Any]]) -> bool:
    """Whether the report captions its attachments on one line (附件1：标题): true when every one
    was so captioned. Takes the mark off each attachment (it is no key of the facts file)."""
    marks = [item.pop(_ONE_LINE, False) for item in attachments]
    return bool(marks) and all(marks)


def _table(table: Table) -> dict[str, Any]:
    """An attachment's table: its first row the columns; a last row that sums the columns above it
    under a label (合计) is its `total`, computed again on build."""
    grid = [[c.text.strip() for c in distinct_cells(row)] for row in table.rows]
    columns, rows = grid[0], grid[1:]
    out: dict[str, Any] = {"columns": [escape(c) or "（请填写列名）" for c in columns],  # a header cell read blank
                           "rows": [[escape(c) for c in r] for r in rows]}
    if len(rows) >= 2:
        last, above = rows[-1], rows[:-1]
        sums_ok = True
        for col in range(1, len(columns)):
            cells = [r[col] for r in above if col < len(r) and r[col]]  # a blank cell adds nothing
            numbers = [number_text(c) for c in cells]
            if cells and all(n not in (None, "") for n in numbers):
                total = sum(Decimal(n) for n in numbers if n)
                sums_ok = sums_ok and col < len(last) and number_text(last[col]) not in (None, "") \
                    and Decimal(number_text(last[col]) or "0") == total
            elif col < len(last) and last[col]:
                sums_ok = False
        if sums_ok and number_text(last[0]) is None and last[0]:
            out["rows"] = out["rows"][:-1]
            out["total"] = escape(last[0])
    return out


def without_list(body: list[Block]) -> list[Block]:
    """The body without its closing 附件：1.…… 2.…… lines (printed again from the attachments)."""
    for i in range(len(body) - 1, -1, -1):
        b = body[i]
        if isinstance(b, Para) and _LIST.match(b.text):
            rest = body[i + 1:]
            if all(isinstance(x, Para) and re.match(r"^\d+[.．、]", x.text) for x in rest):
                return body[:i]
    return body
