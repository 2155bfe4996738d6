"""LEVELS: a setting the national format's fixed first-level headings ignore. The six 一、 headings are
the format's own (国办公开办函〔2021〕30号): a `numbering.level1` or a `run_in` of level 1 changes
nothing, and says so rather than being silently ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from .rule import WARNING, Check, Rule
from .tables import NATIONAL

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

RULE = Rule("LEVELS", "一级标题不能改", WARNING,
            "全国统一格式的事实文件写了 numbering.level1 或 run_in 的 1 级：六个一级标题由格式规定，改不了。",
            "国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》的六个部分；GB/T 9704—2012 标题层次")


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """LEVELS: a warning at `numbering.level1`, and at each `run_in` entry of level 1."""
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


CHECK = Check((RULE,), check, formats=NATIONAL)
