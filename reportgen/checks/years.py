"""FORMAT and FILENAME: a report in the wrong format for its year, a file named for another year.

Reports for 2008–2018 follow the 2008 条例 (narrative); 2019 and 2020 the trial format (国办公开办函〔2019〕60号);
2021 onwards the revised format (国办公开办函〔2021〕30号). A copied 示例局-2026.yaml that still says
``year: 2025`` builds last year's report under this year's name: a reviewer's first find.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model import deadlines
from .rule import EITHER, WARNING, Check, OnReport, Rule

if TYPE_CHECKING:
    from ..model.facts import Facts


FORMAT = Rule("FORMAT", "报告格式与年度不符", EITHER,
              "报告用的格式不是这一年度的：2018 年度及以前用叙述式，2019–2020 年度用 2019 年试行格式，2021 年度起用 2021 年的统一格式。",
              "国办公开办函〔2019〕60号（试行格式）；国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》",
              report=OnReport(by_import=True, checks="报告用的格式不是这一年度的（警告）；2019 年度起的报告里一张统一格式的表格也没有找到（错误：没有按格式写，或文件不完整，这些数没有检查）。"))
FILENAME = Rule("FILENAME", "文件名中的年份与报告年度不符", WARNING, "事实文件名里的年份与 year 不同（从别的年度复制来的文件常常忘了改）。",
                "审核人员的做法：先看报告是不是本年度的")


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """FORMAT and FILENAME (`year_checks`)."""
    return year_checks(facts)


def year_checks(facts: Facts) -> list[Problem]:
    """FORMAT (the format does not fit `year`: deadlines.format_for_year — 2008 条例 narrative to 2018, the
    2019 trial format for 2019–2020, national-2021 from 2021) and FILENAME (the file's name carries another
    year than `year`), as warnings at `format` and `year`. A year that failed validation: nothing."""
    year = facts.data.get("year")
    if not isinstance(year, int):
        return []
    found: list[Problem] = []
    want, described = deadlines.format_for_year(year)
    if want != facts.format.name:
        found.append(facts.problem(
            "format",
            f"报告格式与年度不符（FORMAT）：{year} 年度的报告应使用{described}，这个文件用的是“{facts.format.label}”"
            f"（format: {facts.format.name}）。请确认年度和格式。",
            code="FORMAT", severity=Severity.WARNING))
    years = deadlines.years_in_file_name(facts.path.stem)
    named = years[-1] if years else None
    if named is not None and year not in years:  # 局2025年报告（2026修订） names its year too
        found.append(facts.problem(
            "year",
            f"文件名中的年份与报告年度不符（FILENAME）：文件名 {facts.path.name} 写的是 {named} 年，year 写的是 {year}。"
            "如果这个文件是从别的年度复制来的，请改正 year 和其中的数字；否则请改正文件名。",
            code="FILENAME", severity=Severity.WARNING))
    return found


CHECK = Check((FORMAT, FILENAME), check)
