"""A finding's words for a reviewer who checks a published report and never sees the facts file the
import wrote from it: the same finding, without the advice meant for someone editing a facts file
(its keys, `{references}`, 程序计算、删去不填, --previous), and, where it helps, the part of the report
the text is in (见“一、总体情况（二）依申请公开”), since a published report has no line numbers.

A rule names one of these (or its own) as its `OnReport.wording` (reportgen.checks.rule)."""

from __future__ import annotations

import re

from ..errors import Problem
from ..model.text import chinese_numeral

# Where a text sits, named as the national format prints it.
_PLACES = {
    "preamble": "前言", "overview.intro": "一、总体情况", "overview.active": "一、总体情况（一）主动公开",
    "overview.requests": "一、总体情况（二）依申请公开", "overview.management": "一、总体情况（三）政府信息管理",
    "overview.platforms": "一、总体情况（四）政府信息公开平台建设", "overview.oversight": "一、总体情况（五）监督保障",
    "problems": "五、存在的主要问题及改进情况", "other_matters": "六、其他需要报告的事项",
}
_NARRATIVE_PART = re.compile(r"sections\[(\d+)\]")
_FACTS_HINT = re.compile(r"[a-z_]{4,}|\{|程序计算|删去不填|--previous")
# a parenthesis naming a facts file's key: （active）, （按机关全称判断为……；不对时请在 agency 下写 kind:）
_KEY_ASIDE = re.compile(r"（[^（）]*[a-z_]{3,}[^（）]*）")


def place(path: str) -> str:
    """The part of the report a text at `path` is in, as printed ("" when not known): 一、总体情况（二）依申请公开;
    a narrative report's part by its number (sections[2] → 三、)."""
    found = next((label for key, label in _PLACES.items() if path.startswith(key)), "")
    m = _NARRATIVE_PART.match(path)
    if m:
        found = f"{chinese_numeral(int(m.group(1)) + 1)}、"
    return found


def plain(problem: Problem) -> str:
    """The finding's message without asides and sentences that name a facts file's keys (the first
    sentence is kept whatever it holds)."""
    message = _KEY_ASIDE.sub("", problem.message)
    sentences = [s for s in re.split(r"(?<=。)", message) if s]
    kept = [s for s in sentences if not _FACTS_HINT.search(s)] or sentences[:1]
    return "".join(kept)


def plain_with_place(problem: Problem) -> str:
    """`plain`, followed by where the text is in the report: ……（见“五、存在的主要问题及改进情况”）."""
    where = place(problem.path)
    text = plain(problem)
    return f"{text}（见“{where}”）" if where else text


def around(text: str, offset: int, width: int = 8) -> str:
    """The characters around `offset` in `text`, for a reviewer to find the place: …公开,依申请…"""
    start, end = max(0, offset - width), min(len(text), offset + width + 1)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


_YAML_LEAD = re.compile(r"^\s*(?:-\s+)*(?:[A-Za-z_][\w.\[\]]*:\s+)?['\"]?")


def printed_around(problem: Problem, width: int = 8) -> str:
    """The characters of the report's text around a finding at a character of it (its column on
    the line of the facts text the import wrote, one text per line): …公开,依申请…; "" when not known."""
    line, column = problem.source_line, problem.location.column
    if not line or not column:
        return ""
    lead = _YAML_LEAD.match(line)
    start = lead.end() if lead else 0
    if column - 1 < start:
        return ""
    return around(line[start:].rstrip().rstrip("'\""), column - 1 - start, width)


def where_printed(problem: Problem) -> str:
    """“…公开,依申请…”，见“一、总体情况（二）依申请公开”: what a reviewer looks for, and where."""
    parts = []
    text = printed_around(problem)
    if text:
        parts.append(f"“{text}”")
    if place(problem.path):
        parts.append(f"见“{place(problem.path)}”")
    return "，".join(parts)
