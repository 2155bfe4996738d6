"""PREVIOUS: last year's facts file cannot be used for the checks that compare years — the file
given with --previous is another agency's or another year's, or has errors of its own. Said once,
beside this year's findings (never instead of them); the findings are made by reportgen.checks.run."""

from __future__ import annotations

from ..errors import FactsError, Problem
from ..model.facts import Facts
from .rule import ERROR, Check, Rule

RULE = Rule("PREVIOUS", "上年文件不能用", ERROR,
            "--previous 给的文件不是本机关上一年度的，或者它本身有错误（与上年比较的检查不做；本年的检查结果仍全部列出）。",
            "reportgen 的做法：与上年比较的检查（CARRY、STOCK、JUMP、COPY）要用同一机关上一年度的文件")


def not_last_year(facts: Facts, previous: Facts) -> Problem:
    """The error at `year` when the file given with --previous is not the same agency's previous year."""
    return facts.problem(
        "year",
        f"--previous 给的文件 {previous.source.name} 是“{previous.agency_name}”{previous.year} 年的报告，"
        f"而核对结转数需要“{facts.agency_name}”{facts.year - 1} 年的报告：请检查给的文件。",
        code="PREVIOUS")


def broken(exc: FactsError, why: str, year_checks: str = "") -> Problem:
    """The error a --previous file with errors gives: named once, with its first problem, beside
    this year's findings (never instead of them)."""
    first = next(p for p in exc.problems if p.is_error)
    which = f"（{year_checks}）" if year_checks else ""
    return Problem(first.location, f"{why}，未做与上年比较的检查{which}。它的第一个错误：{first.message}"
                   "请先改正它（reportgen check 上一年度文件）。", "", "", code="PREVIOUS",
                   source_line=first.source_line)


CHECK = Check((RULE,), made_by="reportgen.checks.run (load_facts, check)")
