"""STOCK: 现行有效件数 follows from last year's (国办公开办函〔2021〕30号 表二 第二十条第（一）项: 本年制发件数、
本年废止件数、现行有效件数): this year's ≈ last year's + 本年制发 − 本年废止. A plausibility check only:
documents also lapse or are cleaned up without being 废止 (statutory-format.md §3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.formats import national_tables as T
from .rule import WARNING, Check, Rule
from .tables import ACTIVE_TABLE, NATIONAL, active_complete

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

RULE = Rule("STOCK", "现行有效件数对不上", WARNING,
            "表二“规章”“行政规范性文件”的现行有效件数不等于上年的现行有效件数 + 本年制发件数 − 本年废止件数。",
            "国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》表二 第二十条第（一）项", previous=True)


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """STOCK: a warning at each 现行有效件数 that is not last year's + 本年制发 − 本年废止, with the
    figures. Without last year's facts (of the same format), or table 二 invalid: nothing."""
    if previous is None or previous.format is not facts.format or not active_complete(facts):
        return []
    found: list[Problem] = []
    for key, label in T.RULE_ROWS:
        now = facts.data["active_disclosure"][key]
        last = previous.data["active_disclosure"][key]["in_force"]
        expected = last + now["issued"] - now["repealed"]
        if now["in_force"] != expected:
            found.append(facts.problem(
                f"active_disclosure.{key}.in_force",
                f"现行有效件数对不上（STOCK）：{ACTIVE_TABLE}“{label}”的现行有效件数是 {now['in_force']}，"
                f"按上年 {last} + 本年制发 {now['issued']} − 本年废止 {now['repealed']} 应为 {expected}。"
                "如有清理、失效等其他变动可忽略本提示。",
                code="STOCK", severity=Severity.WARNING))
    return found


CHECK = Check((RULE,), check, formats=NATIONAL, previous=True, with_errors=False)
