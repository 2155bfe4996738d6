"""Attachments (附件, GB/T 9704-2012 §7.3.4 and §8): a report may end with 附件 — most often a
statistics table of the office's own design (narrative-era reports) — named under the text as
附件：1.…… and printed after the signature, each on a new page headed 附件1.

```yaml
attachments:
  - title: 2012年政府信息公开工作统计表
    table:
      columns: [项目, 单位, 数量]
      rows:
        - [主动公开政府信息, 条, "{counts.website_items}"]
        - [受理政府信息公开申请, 件, "{requests.received}"]
      total: 合计          # a last row summing each column whose cells are all numbers
    note: 注：……
```
Cells are text that may name facts ({…}); sums are computed, never typed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .. import prose
from ..containers import ListOf, Record
from ..schema import Field
from ..scalars import Choice, Flag, Prose
from .blocks import paragraph_blocks, text_of
from .fields import paragraphs_field
from .title import break_title

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def attachments_field() -> ListOf:
    """The `attachments` field: a list of 附件, each a title, paragraphs, an optional table (header,
    rows as long as the header, an optional summed total row) and a note."""
    cell = Prose("单元格", "文字或数字，可用 {名称} 引用事实；空着的格子写 \"\"", max_length=200, blank=True)
    return ListOf("附件", Record("附件", {
        "title": Prose("附件标题", "例如：2012年政府信息公开工作统计表", max_length=80, single_line=True),
        "paragraphs": paragraphs_field("附件正文", "附件中表格之前的段落"),
        "table": Record("附件表格", {
            "columns": ListOf("表头", Prose("列名", max_length=40, single_line=True), "各列的名称",
                              min_items=1),
            "rows": ListOf("表格各行", ListOf("一行", cell, "这一行各列的内容，与表头一样多", min_items=1),
                           "数据行", min_items=1),
            "total": Prose("合计行名称", "写上（如“合计”）时，末尾加一行，各列全为数字的自动求和", required=False,
                           max_length=20, single_line=True),
        }, "附件中的表格", required=False),
        "note": Prose("表注", "表格下的“注：”行", required=False),
    }, "一个附件"), "报告末尾的附件（正文后列出“附件：1.……”，落款后另起一页印出）", required=False, default=list)


CAPTIONS = {
    "separate": "附件标识单独一行（附件1），标题另起一行居中（GB/T 9704-2012 第7.3.7条）",
    "one_line": "附件标识和标题印在同一行：附件1：标题",
}


def attachment_option_fields() -> dict[str, Field]:
    """How the office prints its attachments: `attachment_caption` (separate lines, as GB/T 9704
    §7.3.7 sets them, or one line 附件1：标题) and `show_attachment_list` (false: no 附件说明 under the
    text, though GB/T 9704 §7.3.4 puts one there; many published reports print none)."""
    return {
        "attachment_caption": Choice("附件标题写法", CAPTIONS, "附件页首的写法；不写时为 separate", required=False),
        "show_attachment_list": Flag("印出附件说明", "false 时正文之后不列“附件：1.……”（附件说明）；不写为 true",
                                     required=False, default=True),
    }


_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,268: a number as clerks type it in tables


def _is_number(cell: str) -> bool:
    return bool(_NUMBER.match(cell) or _GROUPED.match(cell))


def _sum(cells: list[str]) -> str:
    """The sum of a column's cells (each _is_number), to as many decimals as its most precise cell; with
    thousands commas when any cell has them (1,000 + 268 → 1,268)."""
    numbers = [Decimal(c.replace(",", "")) for c in cells]
    places = max(max((-n.as_tuple().exponent for n in numbers), default=0), 0)  # type: ignore[operator]
    total = sum(numbers, Decimal(0)).quantize(Decimal(1).scaleb(-places))
    return format(total, f",.{places}f") if any("," in c for c in cells) else format(total, "f")


def attachment_context(attachments: list[dict[str, Any]], values: dict[str, str],
                       one_line: bool = False) -> list[dict[str, Any]]:
    """What the template prints for each attachment: its label (附件 / 附件N), title, paragraphs,
    table (columns, rows of cells, the computed total row) and note; with `one_line`, its
    `caption` (附件1：标题, printed instead of the label and the title's lines; else "")."""
    out = []
    several = len(attachments) > 1
    for n, item in enumerate(attachments, start=1):
        table = item.get("table") or {}
        columns = [text_of(c, values) for c in table.get("columns") or []]
        rows = [[text_of(str(c), values) for c in row] for row in table.get("rows") or []]
        if table.get("total") and rows:
            total = [text_of(table["total"], values)]
            for col in range(1, len(columns)):
                cells = [row[col] for row in rows if col < len(row) and row[col].strip()]  # a blank adds nothing
                total.append(_sum(cells) if cells and all(_is_number(c) for c in cells) else "")
            rows.append(total)
        label, title = f"附件{n}" if several else "附件", text_of(item["title"], values)
        out.append({
            "label": label,
            "caption": f"{label}：{title}" if one_line else "",
            "title": title,
            "title_lines": break_title(text_of(item["title"], values)),  # 2号 like the report's title
            "blocks": paragraph_blocks(item.get("paragraphs") or [], values),
            "columns": columns,
            "rows": rows,
            "note": text_of(item["note"], values) if item.get("note") else "",
        })
    return out


def attachment_list(attachments: list[dict[str, Any]]) -> list[str]:
    """The 附件说明 lines under the text: 附件：标题, or 附件：1.标题 / 2.标题 …"""
    titles = [a["title"] for a in attachments]
    if len(titles) == 1:
        return [f"附件：{titles[0]}"]
    # The numbers of the second and later lines stand under the first one's (after 附件：).
    return [("附件：" if n == 1 else "\u3000" * 3) + f"{n}.{title}" for n, title in enumerate(titles, start=1)]


def table_shape_problems(data: dict[str, Any], problem: Any) -> list[Any]:
    """A row with more or fewer cells than the header has columns is an error at the row."""
    found = []
    for i, item in enumerate(data.get("attachments") or []):
        table = (item or {}).get("table") or {}
        width = len(table.get("columns") or [])
        for r, row in enumerate(table.get("rows") or []):
            if row is not None and width and len(row) != width:
                found.append(problem(f"attachments[{i}].table.rows[{r}]",
                                     f"这一行有 {len(row)} 格，而表头有 {width} 列：每行的格数要与表头一样多。"))
    return found


def table_total_problems(data: dict[str, Any], values: dict[str, str], problem: Any) -> list[Any]:
    """A table with a `total` whose column holds numbers and also a cell that is almost one (12件, 3.5万,
    1，000): that column's total is left blank, so the cell is named (a warning) rather than the total
    silently missing. `values` fills in the {references} of the cells."""
    found = []
    for i, item in enumerate(data.get("attachments") or []):
        table = (item or {}).get("table") or {}
        if not table.get("total") or not table.get("rows"):
            continue
        raw_rows = [[str(c) for c in row or []] for row in table["rows"]]
        if any(ref.name not in values for row in raw_rows for c in row for ref in prose.references(c)):
            continue  # a cell names a figure that is missing: its own error says so; nothing to add up yet
        rows = [[text_of(c, values) for c in row] for row in raw_rows]
        for col in range(1, len(table.get("columns") or [])):
            cells = [(r, row[col]) for r, row in enumerate(rows) if col < len(row)]
            if not any(_is_number(c) for _, c in cells):
                continue
            for r, cell in cells:
                if not _is_number(cell) and re.search(r"[0-9０-９]", cell):
                    found.append(problem(f"attachments[{i}].table.rows[{r}][{col}]",
                                         f"这一格“{cell}”不是单纯的数字，合计行的这一列因此留空：请只写数字（单位写在表头里），"
                                         "或去掉 total。"))
    return found


__all__ = ["CAPTIONS", "attachment_option_fields", "attachments_field", "attachment_context", "attachment_list", "table_shape_problems",
           "table_total_problems"]
