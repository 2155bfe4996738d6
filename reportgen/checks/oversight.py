"""OVERSIGHT: a people's government's report that does not say how the work was assessed, reviewed by
the public, and who was held accountable. 《政府信息公开条例》(2019) 第五十条第（四）项: 各级人民政府的年度报告
还应当包括工作考核、社会评议和责任追究结果情况; the national format (国办公开办函〔2021〕30号) puts them under
一、总体情况's 监督保障. Assessors check that a report covers every item of 第五十条 (statutory-format.md §5);
a government's report that names none of 考核, 评议 or 追究 (问责) has left one out — even "none this year"
has to be said.

Whose report: a 县级以上地方人民政府's own (reportgen.model.deadlines: kind `government`, also when its
office publishes it) and a 乡、镇人民政府's; not a department's, not a 街道办事处's (not a people's
government). Reports for 2019 onwards (the 2008 条例 asked none of this). The words are looked for in
every text of the report, so a report that says them in 五、存在的主要问题及改进情况 is not flagged."""

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

# The three items of 第五十条第（四）项, and the words a report that states them uses.
ITEMS = (("工作考核", re.compile("考核|考评")), ("社会评议", re.compile("评议")),
         ("责任追究结果", re.compile("追究|追责|问责")))
_TOWNSHIP_GOVERNMENT = re.compile(r"(?:乡|镇)(?:人民)?政府$")
_ARTICLE = "《政府信息公开条例》第五十条第（四）项要求各级人民政府的年度报告包括工作考核、社会评议和责任追究结果情况"


def for_report(problem: Problem) -> str:
    """The finding for a reviewer: what the published report leaves out, and the article."""
    m = re.search(r"正文没有写到(.+?)的情况", problem.message)
    missing = m.group(1) if m else "工作考核、社会评议或责任追究结果"
    return f"人民政府的年度报告没有写到{missing}的情况（OVERSIGHT）：{_ARTICLE}（没有开展或没有发生的，也应写明）。"


RULE = Rule("OVERSIGHT", "缺少考核、评议、追究情况", WARNING,
            "人民政府（县级以上地方人民政府和乡、镇人民政府）2019 年度起的报告，正文没有写到工作考核、社会评议或责任追究结果（找“考核”“评议”和“追究”“追责”“问责”）。",
            "《政府信息公开条例》第五十条第（四）项；国办公开办函〔2021〕30号“一、总体情况”的监督保障",
            report=OnReport(wording=for_report))


def is_government(data: dict) -> bool:  # type: ignore[type-arg]
    """Whether the report is a people's government's own: its kind `government`, or a 乡/镇人民政府."""
    if not isinstance(data.get("agency"), dict):  # invalid: its own error says so
        return False
    kind = agency_kind(data)
    name = str(data["agency"].get("name") or "")
    return kind == "government" or (kind == "township" and bool(_TOWNSHIP_GOVERNMENT.search(name)))


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """OVERSIGHT: one warning at 监督保障 (or at `overview` when the file has none), naming the items
    no text of the report speaks of. Not a government's report, or one before 2019: nothing."""
    year = facts.data.get("year")
    if not isinstance(year, int) or year < deadlines.FIRST_YEAR_2019 or not is_government(facts.data):
        return []
    text = "".join(node.value for _, node in facts.prose)
    missing = [name for name, words in ITEMS if not words.search(text)]
    if not missing:
        return []
    path = "overview.oversight" if (facts.data.get("overview") or {}).get("oversight") else "overview"
    return [facts.problem(
        path, f"人民政府的年度报告缺少考核、评议、追究情况（OVERSIGHT）：正文没有写到{'、'.join(missing)}的情况。"
        f"{_ARTICLE}：请在“一、总体情况（五）监督保障”中写明；没有开展或没有发生的，也写一句说明"
        "（如“本年度未发生责任追究情况。”）。", code="OVERSIGHT", severity=Severity.WARNING)]


CHECK = Check((RULE,), check, formats=NATIONAL)
