"""OLDYEAR: a text of this year's report that still names last year as the report's own year
(“2023年，区统计局坚持以公开为常态……” in the 2024 report): the paragraph was carried over from last
year's file and its year not changed. `reportgen new` warns at every year of last year's it carries
over (typed-year); `check` and `build` warn here, every time, but only where the year is written
as the report's own (2023年，/2023年度，/2023年全年: reportgen.model.year_forms.report_year_places),
not where a year is named in passing (自2023年起施行, 2023年12月), which a report may well mean."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model.year_forms import next_year_as_typed, report_year_places
from ..errors import Problem, Severity
from ..load.positions import text_offset
from .rule import WARNING, Check, OnReport, Rule
from .wording import place, printed_around

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

SKIP = ("title",)  # the title's year has its own rules (FORMAT, FILENAME)


def message(typed: str, year: int) -> str:
    """The warning at a text of the `year` report naming `year - 1` (typed as `typed`) as its own year."""
    instead = next_year_as_typed(typed, year - 1)
    fix = (f"请改为“{{year}}年”（写在引号里：\"{{year}}年，……\"，会印成“{year}年”，以后每年自动更新）"
           if instead == "{year}" else f"请改为“{instead}年”")
    return (f"这段文字写着上年的年度“{typed}年”（OLDYEAR），而这是 {year} 年度的报告：如果指的是报告年度，{fix}；"
            f"如果确指 {year - 1} 年，保留即可。")


def for_report(problem: Problem) -> str:
    """OLDYEAR in a published report: which year, and where it is printed."""
    where = place(problem.path)
    around = printed_around(problem)
    m = re.search(r"上年的年度“([^”]*)”", problem.message)
    return (f"正文写着上年的年度{f'“{m.group(1)}”' if m else ''}{f'（{around}）' if around else ''}"
            f"{f'，见“{where}”' if where else ''}：年度报告应写本年度的情况，这段文字可能是照抄上一年度的报告。")


RULE = Rule("OLDYEAR", "写着上年的年度", WARNING,
            "正文把上一年写成报告本身的年度（如 2024 年度的报告写着“2023年，……”“2023年度，……”“2023年全年……”），"
            "多半是上年的文字没有改年份；顺带提到的年份（自2023年起施行、2023年12月）不算。",
            "《政府信息公开条例》第五十条（年度报告写本年度的情况）；国办公开办函〔2021〕30号“明确责任”（内容雷同的追责）",
            report=OnReport(wording=for_report,
                            checks="报告正文把上一年写成报告本身的年度（“2023年，……”“2023年全年……”）。"))


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """OLDYEAR: one warning at each place of the facts' prose (not the title) naming last year as the
    report's own year."""
    try:
        year = int(facts.data["year"])
    except (KeyError, TypeError, ValueError):
        return []  # no year: validation says so
    found = []
    for path, node in facts.prose:
        if path in SKIP:
            continue
        for index, typed in report_year_places(node.value, year - 1):
            loc = facts.source_location(node, text_offset(node, index))
            found.append(Problem(loc, message(typed, year), path, "", Severity.WARNING, "OLDYEAR",
                                 facts.source.line(loc.line)))
    return found


CHECK = Check((RULE,), check)
