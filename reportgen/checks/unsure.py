"""UNSURE: one warning per `unsure:` entry (reportgen.model.unsure), at its line — a figure an
import could not read surely, until a person has compared it with the original report and deleted
the entry. Not a slip of the report: those are the checks of the numbers (ROWTOTAL, BALANCE, TEXT …).
On a published report the import says it itself, where the figure is printed (reportgen.importer.review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.unsure import CODE, KEY, figure_text
from .rule import UNSURE, WARNING, Check, OnReport, Rule

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

RULE = Rule(CODE, "读取没有把握", WARNING,
            "导入已发布的报告时没有把握读对的数（扫描件、表格线不清等），要与原报告核对。",
            "reportgen 的做法：读不准的数说出来，不默认为对（用户指南“从去年发布的报告开始”）",
            report=OnReport(UNSURE, by_import=True, checks="报告里有数没有把握读对（扫描件、表格线不清等）：不是报告的差错，请对照原报告核对那一格。"))


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """UNSURE: one warning per `unsure:` entry, at its line."""
    return problems(facts)


def problems(facts: Facts) -> list[Problem]:
    """UNSURE: one warning per `unsure:` entry, at its line."""
    found = []
    root = facts.format.schema
    for path, why in (facts.data.get(KEY) or {}).items():
        found.append(facts.problem(
            f"{KEY}.{path}", f"读取没有把握（UNSURE）：{figure_text(root, path)}（{path}）是导入时没有把握读对的数：{why}。"
            "请与原报告核对这个数，无误（或改正）后删去 unsure 下的这一条。", code=CODE, severity=Severity.WARNING))
    return found


CHECK = Check((RULE,), check)
