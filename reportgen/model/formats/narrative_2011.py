"""The narrative report of the 2008 条例 era (2008–2018 reports): numbered sections of prose, no
statutory tables. The seed report (嘉兴市体育局, 2011) is written in this format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..containers import ListOf, Record
from ..document.blocks import document_style
from ..scalars import Choice
from ..unsure import UnsureMarks
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
            "unsure": UnsureMarks(lambda: self.schema),
        })

    def references(self, data: dict[str, Any]) -> dict[str, str]:
        return common.with_figures(data, {**common.reference_values(data), **request_values(data)})

    def units(self, data: dict[str, Any]) -> dict[str, str]:
        return {**common.reference_units(data), **request_units()}

    def context(self, facts: Facts) -> dict[str, Any]:
        data, values = facts.data, facts.references
        title, lines = common.title_of(data, values)
        blocks = common.paragraph_blocks(data["intro"], values)
        blocks += common.section_blocks(data["sections"], values, style=document_style(data))
        blocks += common.paragraph_blocks(data["closing"], values)
        return common.finish({"title": title, "title_lines": lines, "blocks": blocks,
                              **common.attachment_parts(data, values), **common.signing(data, "chinese")}, fullwidth=facts.fullwidth_punctuation)
