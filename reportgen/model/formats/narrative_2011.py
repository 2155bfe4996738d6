"""The narrative report of the 2008 条例 era (2008–2018 reports): numbered sections of prose, no
statutory tables. The seed report (嘉兴市体育局, 2011) is written in this format."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from .. import deadlines
from ..document.blocks import document_style
from ...errors import Problem, Severity
from ..schema import Choice, ListOf, Record
from . import common
from .base import ReportFormat
from .narrative_requests import request_units, request_values, requests_field

if TYPE_CHECKING:
    from .base import FactsView as Facts


class NarrativeFormat(ReportFormat):
    name = "narrative-2011"
    label = "叙述式年度报告（2008年条例时期）"
    template = "narrative-2011.docx"
    year_checks = "异常变化 JUMP、文字雷同 COPY"
    deadline = (3, 31)  # reports were due before 3月31日 under the 2008 条例

    def __init__(self) -> None:
        self.schema = Record("事实文件", {
            "format": Choice("报告格式", {self.name: self.label}, "这份报告用哪种格式"),
            "agency": common.agency_field(),
            "year": common.year_field(),
            **common.signing_fields("chinese"),
            **common.facts_fields(),
            **common.document_fields(),
            "requests": requests_field(),
            "intro": common.paragraphs_field("导语", "第一个标题之前的段落"),
            "sections": ListOf("章节", common.section_field(1), "报告的各个部分，编号自动生成",
                                      min_items=1),
            "closing": common.paragraphs_field("结尾", "最后一个部分之后、落款之前的段落"),
        })

    def references(self, data: dict[str, Any]) -> dict[str, str]:
        return common.with_figures(data, {**common.reference_values(data), **request_values(data)})

    def units(self, data: dict[str, Any]) -> dict[str, str]:
        return {**common.reference_units(data), **request_units()}

    def checks(self, facts: Facts, previous: Facts | None) -> list[Problem]:
        found = signing_checks(facts, self.deadline) + common.figure_checks(facts)
        if facts.data.get("requests"):  # the optional structured requests block
            from ...checks.requests import check as requests_relations

            found += requests_relations(facts)
        return found

    def context(self, facts: Facts) -> dict[str, Any]:
        data, values = facts.data, facts.references
        title, lines = common.title_of(data, values)
        blocks = common.paragraph_blocks(data["intro"], values)
        blocks += common.section_blocks(data["sections"], values, style=document_style(data))
        blocks += common.paragraph_blocks(data["closing"], values)
        return common.finish({"title": title, "title_lines": lines, "blocks": blocks,
                              **common.attachment_parts(data, values), **common.signing(data, "chinese")}, fullwidth=facts.fullwidth_punctuation)


def signing_checks(facts: Facts, deadline: tuple[int, int] | None = None) -> list[Problem]:
    """SIGNED and DEADLINE. The deadline is the law's for the year and the agency's kind
    (deadlines.deadline); `deadline` is kept for callers of old and is not used."""
    data = facts.data
    signed: _dt.date | None = data.get("signed")
    year: int | None = data.get("year")
    found: list[Problem] = []
    if signed is None or year is None:  # already reported as a problem of its own
        return found
    if signed.year < year:
        found.append(facts.problem(
            "signed", f"成文日期早于报告年度（SIGNED）：{signed.isoformat()} 在报告年度 {year} 年开始之前，"
            f"年度报告应在次年（{year + 1} 年）成文：请检查年份。", code="SIGNED", severity=Severity.WARNING))
    elif signed.year == year and signed < _dt.date(year, 12, 31):
        found.append(facts.problem(
            "signed", f"成文日期早于年度结束（SIGNED）：{signed.isoformat()} 还在报告年度 {year} 年之内，年度报告应在次年成文。",
            code="SIGNED", severity=Severity.WARNING))
    month, day, rule = deadlines.deadline(common.agency_kind(data), year)
    due = _dt.date(year + 1, month, day)
    if signed > due:
        kind = "" if data["agency"].get("kind") or year < deadlines.FIRST_YEAR_2019 else (
            f"（按机关全称判断为{deadlines.KIND_LABELS[common.agency_kind(data)]}；不对时请在 agency 下写 kind:）")
        found.append(facts.problem(
            "signed",
            f"晚于法定期限（DEADLINE）：成文日期 {signed.isoformat()} 晚于法定公布期限 {due.year}年{due.month}月{due.day}日"
            f"（{rule}）{kind}，请确认日期，并尽快公布。",
            code="DEADLINE", severity=Severity.WARNING))
    return found
