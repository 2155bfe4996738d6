"""`unsure:` — the figures a reader could not read surely, marked in the facts file until a person
has compared them with the original report.

`reportgen import` writes one entry per doubtful figure: the field's path (a table cell, a row, a
whole table) and why (以 PDF 排版推断的格子、扫描件经文字识别读出、本行合计对不上……). The schema
validates each path against the format (a typo gets a did-you-mean); `check` and `build` give one
UNSURE warning per entry (reportgen.checks.unsure) at its line, naming the figure by its table, row and column, until the
clerk deletes the entry (`--strict` fails on it like on any warning). The mark says nothing about
the report's own slips: those are the checks of the numbers (ROWTOTAL, BALANCE, TEXT …).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from .containers import MapOf, Record
from .schema import Context, Field, describe, join

KEY = "unsure"
CODE = "UNSURE"


def _step(field: Field, part: str) -> Field | None:
    fields = getattr(field, "fields", None) or getattr(field, "cells", None)
    if isinstance(field, MapOf):
        return field.item
    if fields and part in fields:
        return fields[part]
    return None


def field_at(root: Field, path: str) -> list[Field] | None:
    """The fields from `root` down to the one `path` (a.b.c) names, or None if it names none."""
    chain = [root]
    for part in path.split("."):
        nxt = _step(chain[-1], part) if part else None
        if nxt is None:
            return None
        chain.append(nxt)
    return chain


def paths(field: Field, prefix: str = "") -> Iterator[str]:
    """Every dotted path below `field` that an entry may name (names the clerk chooses left out)."""
    fields = getattr(field, "fields", None) or getattr(field, "cells", None) or {}
    for key, sub in fields.items():
        path = join(prefix, key)
        if key != KEY:
            yield path
            yield from paths(sub, path)


def figure_text(root: Field, path: str) -> str:
    """A marked figure as a reviewer finds it in the report: 表“三、……”“一、本年新收……”行“总计”列."""
    chain = field_at(root, path)
    if chain is None:
        return path
    parts = path.split(".")
    top = chain[1].label
    if len(chain) == 2:
        return f"“{top}”" if not isinstance(chain[1], Record) else f"表“{top}”"
    parent, leaf = chain[-2], chain[-1]
    columns = dict(getattr(parent, "columns", ()) or ())
    if hasattr(parent, "cells"):  # a cell of a row of counts
        column = columns.get(parts[-1], "总计")
        return f"表“{top}”“{parent.label}”行“{column}”列"
    if hasattr(leaf, "cells"):
        return f"表“{top}”“{leaf.label}”行"
    if len(chain) == 4 and isinstance(parent, Record):  # 二、：a row of three counts (规章 · 本年制发件数)
        return f"表“{top}”“{parent.label}”行“{leaf.label.removeprefix(parent.label)}”"
    return f"表“{top}”“{leaf.label}”" if isinstance(chain[1], Record) else f"“{leaf.label}”"


class UnsureMarks(Field):
    """`unsure:` — field path → why its reading is not sure (Chinese). `root` gives the format's
    schema, against which each path is checked."""

    def __init__(self, root: Callable[[], Field]) -> None:
        super().__init__("读取没有把握", "导入时没有把握读对的数：字段路径（如 applications.new.total）: 原因。"
                         "与原报告核对无误（或改正）后删去这一条；留着时 check 和 build 每条给一个警告（UNSURE）",
                         required=False, default=dict)
        self.root = root

    def placeholder(self) -> dict[str, str]:
        return {}

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> dict[str, str] | None:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return {}
        if not isinstance(node, yaml.MappingNode):
            ctx.report(node, path, self.label, f"应为“字段路径: 原因”，每条一行，这里写的是{describe(node)}。", "wrong-type")
            return None
        root = self.root()
        known = list(paths(root))
        out: dict[str, str] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
            sub = join(path, key)
            if not key or field_at(root, key) is None or key.split(".")[0] == KEY:
                guess = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
                hint = f"你是不是想写 {guess[0]}（{figure_text(root, guess[0])}）？" if guess else ""
                ctx.report(key_node, sub, self.label, f"“{key}”不是这种报告格式的字段，不知道哪个数没有把握。{hint}"
                           "请写表格中的字段路径，例如 applications.new.total。", "unknown-field")
                continue
            if not isinstance(value_node, yaml.ScalarNode) or not str(value_node.value).strip():
                ctx.report(value_node, sub, self.label, "请写明为什么没有把握（例如：扫描件经文字识别读出）。", "empty")
                continue
            ctx.locations[sub] = ctx.where(key_node)
            out[key] = str(value_node.value).strip()
        return out

    def json_schema(self, field_schema: Any) -> dict[str, Any]:
        return {"title": self.label, "description": self.doc, "type": "object",
                "additionalProperties": {"type": "string", "minLength": 1}}

