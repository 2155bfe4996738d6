"""TWICE and LASTYEAR: one figure typed twice in the text with two values (收到申请79件 … 全年共受理申请97件),
and a typed figure about last year that contradicts last year's facts (比上年增加12件 where this year is 79
and last year 70; 上年收到申请80件 where last year's facts say 79).

Which typed number is about which figure is told by reportgen.model.mentions: two mentions are of the same
figure only when they name exactly the same reference(s); a mention whose clause speaks of last year
(上年, 去年, 2024年 …) is about last year, and compared with last year's facts only (LASTYEAR needs them).
Sources: 条例第五十条 (accurate content); reviewers compare a report with last year's (第三方评估“数据准确”).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model.mentions import Mention, agrees, expected, mentions, parse_number
from ..model.relations import about_last_year, round_half_up
from .rule import WARNING, Check, OnReport, Rule
from .text_figures import _year, figure_name, labels
from .wording import plain_with_place

if TYPE_CHECKING:
    from ..model.facts import Facts


def _report_wording(problem: Problem) -> str | None:
    """The published report's wording: no line numbers of a facts file the reviewer never saw."""
    return plain_with_place(Problem(problem.location, re.sub(r"（第 \d+ 行）", "", problem.message), problem.path,
                                    problem.label, problem.severity, problem.code, problem.source_line))


TWICE = Rule("TWICE", "同一数字前后不一", WARNING,
             "正文两处直接写出的同一个数（如“收到申请”的件数）前后不一样。",
             "《政府信息公开条例》第五十条（内容准确）；第三方评估“数据准确”", report=OnReport(wording=_report_wording))
LASTYEAR = Rule("LASTYEAR", "与上年数字不一致", WARNING,
                "正文写的上年数字或与上年相比的增减，与上年度事实文件的数不符。",
                "审核人员的做法：与上年度报告比较（第三方评估“数据准确”）", previous=True)
# LASTYEAR has no OnReport: `check REPORT` is given no last year's facts (tests/test_rules.py holds that a
# rule needing them does not apply to a published report); it applies once the check of a report takes them.

_CHANGE = re.compile(r"\s*[，,（(]?\s*(?:比上一?年度?|较上一?年度?|与上一?年度?相比|比去年|较去年|同比)(?:同期)?"
                     r"(?P<dir>增加|增长|减少|下降|多|少)了?\s*"
                     r"(?P<n>[0-9]+(?:\.[0-9]+)?)\s*(?P<u>[%％]|件|条|起|宗|项|次|个|份|篇|场)")


def _phrase_start(text: str, m: Mention) -> int:
    return text.rfind(m.phrase, 0, m.end + len(m.phrase))


def _about_last_year(text: str, m: Mention, year: int | None) -> bool:
    """Whether a mention is of last year's figure (上年收到申请80件)."""
    return about_last_year(text, _phrase_start(text, m), year)


_NARROWING = re.compile(r"其中|通过|经由|网上|线上|线下|来信|当面|信函|邮寄|电子邮件|传真|平台|窗口")


def _narrowed(text: str, m: Mention) -> bool:
    """Whether the clause before a mention's phrase narrows it to a part (其中通过网上平台收到申请30件)."""
    start = _phrase_start(text, m)
    return bool(_NARROWING.search(re.split(r"[，,；;。：:]", text[:max(start, 0)])[-1] + m.phrase))


def _typed_mentions(facts: Facts) -> list[tuple[str, object, Mention, str]]:
    known = facts.references
    named = labels(facts)
    units = facts.format.units(facts.data) if named else {}
    out = []
    for path, node in facts.prose:
        for m in mentions(node.value, known, named, units):
            out.append((path, node, m, node.value))
    return out


def _problem(facts: Facts, path: str, node: object, offset: int, code: str, message: str) -> Problem:
    loc = facts.source_location(node, text_offset(node, offset))  # type: ignore[arg-type]
    return Problem(loc, message, path, "", Severity.WARNING, code, facts.source.line(loc.line))


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def check_twice(facts: Facts, previous: Facts | None) -> list[Problem]:
    """TWICE: a warning at the later of two typed mentions of the same figure(s) with different values
    (unless both are right readings of it, as 受理 with or without 上年结转)."""
    year = _year(facts)
    first: dict[tuple[tuple[str, ...], str], tuple[Mention, int]] = {}
    found = []
    for path, node, m, text in _typed_mentions(facts):
        if _about_last_year(text, m, year) or m.names == ("processing_fee",) or _narrowed(text, m):
            continue
        line = facts.source_location(node, text_offset(node, m.start)).line  # type: ignore[arg-type]
        key = (m.names, m.phrase[-1])  # the same figure in the same unit (不予公开760条 is no count of requests)
        if key not in first:
            first[key] = (m, line)
            continue
        earlier, earlier_line = first[key]
        if earlier.value == m.value or (agrees(earlier, facts.references) and agrees(m, facts.references)):
            continue
        table = expected(m, facts.references)
        if agrees(earlier, facts.references):
            which = f"，可能是后面的 {m.typed} 写错了"
        elif agrees(m, facts.references):
            which = f"，可能是前面的 {earlier.typed} 写错了"
        else:
            which = ""
        found.append(_problem(
            facts, path, node, m.start, "TWICE",
            f"同一数字前后不一（TWICE）：前面写“{earlier.phrase}”（第 {earlier_line} 行），这里写“{m.phrase}”，"
            f"说的是同一个数（{figure_name(facts, m.names[0]) if len(m.names) == 1 else '、'.join(figure_name(facts, n) for n in m.names)}，"
            f"表格中为 {_plain(table)}），却一处是 {earlier.typed}、一处是 {m.typed}{which}。请统一为正确的数。"))
    return found


def check_last_year(facts: Facts, previous: Facts | None) -> list[Problem]:
    """LASTYEAR: a typed change against last year (比上年增加12件, 同比增长12.9%) or a typed figure of
    last year (上年收到申请80件) that last year's facts contradict."""
    if previous is None:
        return []
    last = previous.references
    year = _year(facts)
    found = []
    for path, node, m, text in _typed_mentions(facts):
        if not all(n in last for n in m.names):
            continue
        try:
            before = sum((Decimal(last[n]) for n in m.names), Decimal(0))
        except ArithmeticError:
            continue
        where = previous.where(m.names[0]) if len(m.names) == 1 else "上年度事实文件"
        if _about_last_year(text, m, year):
            if m.value != before:
                found.append(_problem(
                    facts, path, node, m.start, "LASTYEAR",
                    f"与上年数字不一致（LASTYEAR）：正文写“{m.phrase}”，而上年度的这个数是 {_plain(before)}（{where}）。"
                    f"请核对后改为 {_plain(before)}。"))
            continue
        change = _CHANGE.match(text, m.end + _unit_length(text, m.end))
        if not change:
            continue
        delta = parse_number(change.group("n"))
        if delta is None:
            continue
        sign = -1 if change.group("dir") in ("减少", "下降", "少") else 1
        if change.group("u") in "%％":
            if not before:
                continue
            decimals = len(change.group("n").split(".")[1]) if "." in change.group("n") else 0
            right = round_half_up(Decimal(100) * (m.value - before) / before, decimals)
            typed, unit = sign * delta, "%"
        else:
            right, typed, unit = m.value - before, sign * delta, change.group("u")
        if right == typed:
            continue
        how = ("增加" if right > 0 else "减少") + f" {_plain(abs(right))}{unit}" if right else "持平"
        found.append(_problem(
            facts, path, node, change.start("n"), "LASTYEAR",
            f"与上年数字不一致（LASTYEAR）：正文写“{m.phrase}”，{change.group(0).strip('，,（( ')}；"
            f"而上年度的这个数是 {_plain(before)}（{where}），{m.typed} 比上年应为{how}。请核对后改正。"))
    return found


def _unit_length(text: str, end: int) -> int:
    u = re.match(r"\s?(?:万元|元|件次|人次|件|条|起|宗|项|次|个|份|篇|期|场|家|所|人)", text[end:])
    return u.end() if u else 0


CHECK_TWICE = Check((TWICE,), check_twice)
CHECK_LASTYEAR = Check((LASTYEAR,), check_last_year, previous=True)
