"""A local rules file: what a city's (or county's) 政务公开 office adds to the national format for its
agencies' reports — the sub-heads 一、总体情况 must have and their wording, a length limit for
总体情况, the figures each part must state, and an earlier deadline. Notices such as 武威市人民政府办公室
《关于做好2025年政府信息公开工作年度报告编制和发布工作的通知》(武政办发〔2025〕54号) ask for exactly these
(总体情况 篇幅原则上不超过一千字; 主动公开应包括通过政府网站、政务新媒体、政府公报……发布信息数量 …).

The file is YAML, read with the facts file's own loader (reportgen.load: encodings, syntax errors in
Chinese with line and column) and validated with the schema machinery (reportgen.model.schema: every
mistake at once, each with its place and the fix). `read_rules` gives a `LocalRules` or the
problems; the checks of the rules are reportgen.checks.local's.

    source: 《某市…通知》（某政务公开办〔2025〕3号）    # the findings' 依据
    deadline: 1月20日                                   # in the year after the report's
    overview:
      max_chars: 1000                                   # characters of 一、总体情况, spaces not counted
      parts:
        active:                                         # a part of 总体情况, by its key in the facts file
          heading: 主动公开                             # its sub-head must contain this wording
          figures:
            - name: 通过政府网站发布信息数量              # how the finding names it
              words: [网站]                             # a clause with one of these words and a number
              equals: active_disclosure.normative_documents.issued   # optional: the number, as 表一 has it
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from ..load.reader import read_source
from .containers import ListOf, Record
from .formats import national_tables as T
from .scalars import Count, Text
from .schema import Context, Field, validate

_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$|^\s*(\d{1,2})-(\d{1,2})\s*$")


class MonthDay(Field):
    """A day of the year, typed 1月20日 (or 01-20): (month, day)."""

    def placeholder(self) -> tuple[int, int]:
        return (1, 31)

    def validate(self, node: yaml.Node, ctx: Context, path: str) -> tuple[int, int] | None:
        if not self.expect_scalar(node, ctx, path, "日期（如 1月20日）"):
            return None
        m = _MONTH_DAY.match(str(node.value))
        month, day = (int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))) if m else (0, 0)
        if not (1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)):
            ctx.report(node, path, self.label, f"应为报告年度次年的某月某日，例如 1月20日，这里写的是“{node.value}”。",
                       "bad-date")
            return None
        return month, day


def _figure() -> Record:
    return Record("应写明的数字", {
        "name": Text("名称", "发现中怎样称呼这个数字，例如：通过政府网站发布信息数量", max_length=60),
        "words": ListOf("关键词", Text("关键词"), "写明这个数字的那句话里会有的词（有其中一个即可），例如 [网站]",
                        min_items=1, accept_single=True),
        "equals": Text("应等于", "可选：这个数字应等于的表格数字，写事实文件中的名称，例如 "
                       "active_disclosure.normative_documents.issued", required=False),
    })


def _part(label: str) -> Record:
    return Record(label, {
        "heading": Text("小节标题用语", f"小节标题应含有的用语，例如：{label}", required=False, max_length=30),
        "figures": ListOf("应写明的数字", _figure(), "这一小节应写明的数字", required=False, default=list),
    }, f"“一、总体情况”中的“{label}”小节", required=False)


SCHEMA = Record("本地规则文件", {
    "source": Text("依据", "规则的出处：通知的名称和文号，会写在每条发现的“依据”里", max_length=200),
    "deadline": MonthDay("公布期限", "比法定期限更早的公布期限：报告年度次年的某月某日，例如 1月20日", required=False),
    "overview": Record("总体情况", {
        "max_chars": Count("字数上限", "“一、总体情况”最多多少字（不计空格）", minimum=1, maximum=100_000,
                           required=False),
        "parts": Record("小节", {key: _part(label) for key, label in T.OVERVIEW_PARTS},
                        "必须有的小节，按事实文件中的名称：active、requests、management、platforms、oversight",
                        required=False, default=dict),
    }, "对“一、总体情况”的要求", required=False, default=dict),
})


@dataclass(frozen=True)
class FigureRule:
    name: str
    words: tuple[str, ...]
    equals: str = ""  # a reference name (active_disclosure.…) the stated number must equal; "" none


@dataclass(frozen=True)
class PartRule:
    key: str  # active, requests, … (national_tables.OVERVIEW_PARTS)
    label: str  # 主动公开 …
    heading: str  # the wording its sub-head must contain; "" any
    figures: tuple[FigureRule, ...] = ()


@dataclass(frozen=True)
class LocalRules:
    """A rules file read and validated: `path` as the user named it, `source` its 依据 text."""

    path: str
    source: str
    deadline: tuple[int, int] | None = None  # (month, day) in the year after the report's
    max_chars: int | None = None
    parts: tuple[PartRule, ...] = field(default_factory=tuple)


def read_rules(path: str | Path, display_name: str | None = None) -> tuple[LocalRules | None, list[Problem]]:
    """Read and validate a rules file: the LocalRules (None when it has any error) and every problem,
    each at its file, line and column with the fix (the facts file's own YAML messages and the
    schema's: unknown keys with a did-you-mean, missing fields, wrong kinds). An `equals` naming no
    figure of 表二 (EQUALS) is an error too."""
    name = display_name or str(path)
    source, problems = read_source(Path(path), name)
    if source is None or source.root is None:
        return None, problems
    data, ctx = validate(SCHEMA, source)
    problems += ctx.problems
    if data is None:
        return None, problems
    for where, named in _equals(data):
        if named not in EQUALS:
            loc = ctx.locations[where]
            problems.append(Problem(loc, f"不认识的表格数字“{named}”：应等于的数字请写表二（主动公开情况表）中的名称，"
                                    f"例如 {'、'.join(sorted(EQUALS)[:3])}。", where, "应等于", code="unknown-reference",
                                    source_line=source.line(loc.line)))
    if any(p.is_error for p in problems):
        return None, problems
    labels = dict(T.OVERVIEW_PARTS)
    parts = []
    for key, part in (data["overview"].get("parts") or {}).items():
        if part is None:
            continue
        figures = tuple(FigureRule(f["name"].strip(), tuple(w.strip() for w in f["words"] if w.strip()),
                                   (f.get("equals") or "").strip()) for f in part["figures"])
        parts.append(PartRule(key, labels[key], (part.get("heading") or "").strip(), figures))
    return LocalRules(name, data["source"].strip(), data.get("deadline"), data["overview"].get("max_chars"),
                      tuple(parts)), problems


EQUALS = frozenset({f"active_disclosure.{row}.{col}" for row, _ in T.RULE_ROWS for col, _ in T.RULE_COLUMNS}
                   | {f"active_disclosure.{key}" for key, _, _ in T.DECISION_ROWS})


def _equals(data: dict[str, Any]) -> list[tuple[str, str]]:
    parts = (data.get("overview") or {}).get("parts") or {}
    return [(f"overview.parts.{key}.figures[{i}].equals", f["equals"].strip())
            for key, part in parts.items() if part
            for i, f in enumerate(part.get("figures") or []) if f and f.get("equals")]


def resolve(facts_path: Path, named: Any) -> Path:
    """The rules file a facts file names (`local_rules:`), relative to the facts file's folder."""
    path = Path(str(named))
    return path if path.is_absolute() else facts_path.parent / path
