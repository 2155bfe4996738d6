"""YEARZERO: a year written in Chinese numerals in the report's text or title (二○二五年) with its
zero typed as the circle ○ (U+25CB) or 零. GB/T 9704-1999 writes the zero 〇 (U+3007); the build
prints 〇 (reportgen.model.formats.common.finish), and this warning says so at the character, so
the change is never silent. The 成文日期 (`signed`) has its own warning, date-zero."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model.text import year_zero_slips
from .rule import WARNING, Check, OnReport, Rule
from .wording import where_printed

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

_NAMES = {"○": "圆圈“○”（U+25CB）", "零": "“零”"}


def for_report(problem: Problem) -> str:
    """YEARZERO in a published report's text: which year, and where."""
    where = where_printed(problem)
    return (f"汉字写的年份里的零写成了别的字符{f'（{where}）' if where else ''}：零应为“〇”"
            "（U+3007，GB/T 9704—1999）。")


RULE = Rule("YEARZERO", "年份里的零", WARNING,
            "正文或标题里用汉字写的年份（二〇二五年）的零写成了圆圈“○”或“零”，而不是“〇”（U+3007）；生成的报告印作“〇”。",
            "GB/T 9704—1999《国家行政机关公文格式》：汉字写的年份，零写作“〇”",
            report=OnReport(wording=for_report,
                            checks="报告正文或标题里用汉字写的年份（二〇二五年）的零写成了圆圈“○”或“零”。"))


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """YEARZERO: one warning at the first slipped zero of each such year in the facts' prose."""
    found = []
    for path, node in facts.prose:
        for offset, typed, year in year_zero_slips(node.value):
            loc = facts.source_location(node, text_offset(node, offset))
            found.append(Problem(
                loc, f"年份里的零写成了{_NAMES[typed]}（“{year}”）：汉字写的年份，零应为“〇”（U+3007），"
                "报告中印作“〇”。", path, "", Severity.WARNING, "YEARZERO", facts.source.line(loc.line)))
    return found


CHECK = Check((RULE,), check)
