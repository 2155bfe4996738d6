"""PART: a statutory topic of 一、总体情况 left out. 条例第五十条 lists what the report holds; the national
format (国办公开办函〔2021〕30号) asks 一、总体情况 to cover 主动公开、依申请公开、政府信息管理、政府信息公开平台建设
and 监督保障, which real reports write as five subsections."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.formats import national_tables as T
from .rule import WARNING, Check, OnReport, Rule
from .tables import NATIONAL

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

RULE = Rule("PART", "缺少总体情况的部分", WARNING,
            "“一、总体情况”缺少主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面中的某一个。",
            "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》“一、总体情况”",
            report=OnReport())


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """PART: a warning at `overview` for each of the five topics the file leaves out."""
    overview = facts.data.get("overview") or {}
    found = []
    for key, label in T.OVERVIEW_PARTS:
        if key not in overview or overview.get(key) is None:
            found.append(facts.problem(
                "overview", f"“一、总体情况”缺少“{label}”小节（{key}）：统一格式要求总体情况写明主动公开、依申请公开、"
                f"政府信息管理、平台建设、监督保障五个方面；如确无内容，可写一句说明。", code="PART",
                severity=Severity.WARNING))
    return found


CHECK = Check((RULE,), check, formats=NATIONAL)
