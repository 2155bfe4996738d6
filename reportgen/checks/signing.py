"""SIGNED and DEADLINE: the date a report is signed (成文日期), against its year and the law's
deadline for publishing it (reportgen.model.deadlines: under the 2019 条例 第四十九条, 1月31日 for
县级以上人民政府部门 and 3月31日 for a government's own report, 3月31日 too where the article names no
date (乡镇、街道); 3月31日 for every report under the 2008 条例 第三十一条)."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model import deadlines
from ..model.formats.common import agency_kind
from .rule import PUBLICATION, WARNING, Check, OnReport, Rule

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts


SIGNED = Rule("SIGNED", "成文日期早于年度结束", WARNING, "成文日期还在报告年度之内或之前：年度报告总结上一年度，应在次年成文。",
               "《政府信息公开条例》第四十九条（每年公布上一年度的年度报告）", report=OnReport())
DEADLINE = Rule("DEADLINE", "晚于法定期限", WARNING,
                "成文日期晚于该年度、该类机关的法定公布期限（2019 年度起：政府部门 1 月 31 日，人民政府本级 3 月 31 日；"
                "2018 年度及以前：3 月 31 日）。",
                "《政府信息公开条例》第四十九条；2008 年《政府信息公开条例》第三十一条", report=OnReport(PUBLICATION))


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """SIGNED and DEADLINE (`signing_checks`)."""
    return signing_checks(facts)


def signing_checks(facts: Facts) -> list[Problem]:
    """SIGNED (a date before the year's end: reports are signed in the following year) and
    DEADLINE (a date after the law's deadline for the year and the agency's kind,
    deadlines.deadline), as warnings at `signed`. A date or year that failed validation: nothing."""
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
    month, day, rule = deadlines.deadline(agency_kind(data), year)
    due = _dt.date(year + 1, month, day)
    if signed > due:
        kind = "" if data["agency"].get("kind") or year < deadlines.FIRST_YEAR_2019 else (
            f"（按机关全称判断为{deadlines.KIND_LABELS[agency_kind(data)]}；不对时请在 agency 下写 kind:）")
        found.append(facts.problem(
            "signed",
            f"晚于法定期限（DEADLINE）：成文日期 {signed.isoformat()} 晚于法定公布期限 {due.year}年{due.month}月{due.day}日"
            f"（{rule}）{kind}，请确认日期，并尽快公布。",
            code="DEADLINE", severity=Severity.WARNING))
    return found


def unchecked_note(facts: Facts) -> str:
    """What the run could not check because the report prints no date and the facts give none
    (`show_date: false` without `signed`): SIGNED and DEADLINE (and LOCALDEADLINE under a local
    rules file), said as a note rather than passed in silence; "" when there is a date."""
    data = facts.data
    if data.get("signed") is not None or data.get("show_date") is not False or data.get("year") is None:
        return ""
    local = "、本地规则的期限 LOCALDEADLINE" if getattr(facts, "local_rules", None) is not None else ""
    return ("报告不印成文日期（show_date: false），事实文件也没有写 signed：未检查成文日期（SIGNED）和是否按法定期限公布"
            f"（DEADLINE{local}）。要检查，请在 signed: 写上实际的成文日期（不印出）。")


CHECK = Check((SIGNED, DEADLINE), check)
