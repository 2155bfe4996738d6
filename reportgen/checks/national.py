"""The checks of the national format (国办公开办函〔2021〕30号), in the order their findings are
listed: SIGNED and DEADLINE, the rules of the three statutory tables (table_rules), FIGURE and the
attachment tables, PART (a statutory topic of 一、总体情况 left out), LEVELS (a numbering or run-in
setting the format's fixed first-level headings ignore) and FEE (a statement of the 信息处理费 that
contradicts `processing_fee`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.formats import national_tables as T
from . import fee, table_rules
from .figures import figure_checks
from .signing import signing_checks

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts


def checks(facts: Facts, previous: Facts | None) -> list[Problem]:
    """Every finding of the national format's own checks on `facts`, with last year's facts
    (`previous`, or None) for CARRY and STOCK."""
    found = signing_checks(facts)
    found += table_rules.run_all(facts, previous)
    found += figure_checks(facts)
    found += missing_parts(facts)
    found += fixed_first_level(facts)
    found += fee.check(facts)
    return found


def missing_parts(facts: Facts) -> list[Problem]:
    """条例第五十条 and the format's 一、总体情况: a statutory topic left out is named, as a warning."""
    overview = facts.data.get("overview") or {}
    found = []
    for key, label in T.OVERVIEW_PARTS:
        if key not in overview or overview.get(key) is None:
            found.append(facts.problem(
                "overview", f"“一、总体情况”缺少“{label}”小节（{key}）：统一格式要求总体情况写明主动公开、依申请公开、"
                f"政府信息管理、平台建设、监督保障五个方面；如确无内容，可写一句说明。", code="PART",
                severity=Severity.WARNING))
    return found


def fixed_first_level(facts: Facts) -> list[Problem]:
    """The six 一、 headings are the format's own (国办公开办函〔2021〕30号): a `numbering.level1` or a
    `run_in` of level 1 changes nothing, and says so rather than being silently ignored."""
    data = facts.data
    found = []
    if (data.get("numbering") or {}).get("level1"):
        found.append(facts.problem(
            "numbering.level1", "全国统一格式的六个一级标题（一、总体情况……）由格式规定，编号样式不能改，"
            "这里的 level1 不起作用：请删去它（二级及以下标题的样式可以用 level2 至 level4 设定）。",
            code="LEVELS", severity=Severity.WARNING))
    for i, level in enumerate(data.get("run_in") or []):
        if level == 1:
            found.append(facts.problem(
                f"run_in[{i}]", "全国统一格式的一级标题（一、总体情况……）单独成行，不能与正文接排，这里的 1 不起作用："
                "请删去它（二级标题接排写 2）。", code="LEVELS", severity=Severity.WARNING))
    return found
