"""REGION: a people's government's own report that speaks of nothing beyond its own office. Assessors
check that a 县级以上地方人民政府's report covers its whole region — the work of its departments and of
its townships or streets (statutory-format.md §5: “a government's own report covers its whole region”;
条例第四十九条: the government's report is of the 本级 as a whole). Conservative: a report is flagged only
when no text names a department or a township at all — no 部门, 单位, 局, 委, 乡, 镇, 街道, 全区/全县/全市/
全省/全州/全旗, 辖区 or 各级 anywhere. Kind `government` (reportgen.model.deadlines.infer_kind or `agency.kind`),
reports for 2019 onwards."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model import deadlines
from ..model.formats.common import agency_kind
from .rule import WARNING, Check, OnReport, Rule
from .tables import NATIONAL

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

_REGION = re.compile(r"部门|单位|[^\s]局|委员会|[^\s]委|乡|镇|街道|全[区县市省州旗盟]|辖区|各级|区域|县区|市区")

RULE = Rule("REGION", "没有覆盖本行政区域", WARNING,
            "人民政府本级（kind: government）2019 年度起的报告，正文没有一处说到所属部门或乡镇、街道（找“部门”“单位”“局”“乡”"
            "“镇”“街道”“全区/全县/全市”等）。",
            "《政府信息公开条例》第四十九条；第三方评估的评分要点（政府年报应反映本行政区域的整体情况）",
            report=OnReport())


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """REGION: one warning at `overview` when a government's report names no department or township."""
    data = facts.data
    year = data.get("year")
    if not isinstance(year, int) or year < deadlines.FIRST_YEAR_2019 or not isinstance(data.get("agency"), dict):
        return []
    if agency_kind(data) != "government":
        return []
    own = str(data["agency"].get("name") or "")
    text = "".join(node.value for _, node in facts.prose).replace(own, "")
    if _REGION.search(text):
        return []
    return [facts.problem(
        "overview", "没有覆盖本行政区域（REGION）：这是人民政府本级的年度报告，正文却没有一处说到所属部门或乡镇、街道的工作"
        "（全区、全县、各部门、各乡镇等）：政府的年度报告应反映本行政区域的整体情况，请在总体情况中写明各部门、各乡镇（街道）"
        "的公开工作和数字。", code="REGION", severity=Severity.WARNING)]


CHECK = Check((RULE,), check, formats=NATIONAL)
