"""UNSURE: one warning per `unsure:` entry (reportgen.model.unsure), at its line — a figure an
import could not read surely, until a person has compared it with the original report and deleted
the entry. Not a slip of the report: those are the checks of the numbers (ROWTOTAL, BALANCE, TEXT …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.unsure import CODE, KEY, figure_text

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts


def problems(facts: Facts) -> list[Problem]:
    """UNSURE: one warning per `unsure:` entry, at its line."""
    found = []
    root = facts.format.schema
    for path, why in (facts.data.get(KEY) or {}).items():
        found.append(facts.problem(
            f"{KEY}.{path}", f"读取没有把握（UNSURE）：{figure_text(root, path)}（{path}）是导入时没有把握读对的数：{why}。"
            "请与原报告核对这个数，无误（或改正）后删去 unsure 下的这一条。", code=CODE, severity=Severity.WARNING))
    return found
