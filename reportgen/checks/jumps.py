"""JUMP: a figure ten times last year's or more, or fallen to 0 (reportgen.model.yoy.jumps) — most
often a digit typed twice or a row left empty. Reviewers compare a unit's figures with last year's and
ask about the odd ones (statutory-format.md §5)."""

from __future__ import annotations

from ..errors import Problem, Severity
from ..model import yoy
from ..model.facts import Facts
from .rule import WARNING, Check, Rule

RULE = Rule("JUMP", "与上年相比变化异常", WARNING, "表格里的某个数是上年的十倍以上，或者从上年的非 0 变成了 0：可能填错了。",
            "审核人员的做法：与上年的数比较，变化异常的先核实（第三方评估“数据准确”）", previous=True)


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """JUMP: a warning at each figure that is ten times last year's or more, or fell to 0
    (yoy.jumps), with both years' figures and where last year's is. Without last year's: nothing."""
    if previous is None:
        return []
    found = []
    for name, now, last in yoy.jumps(facts.references, previous.references):
        how = "是上年的十倍以上" if now else "降为 0"
        found.append(facts.problem(
            name,
            f"与上年相比变化异常（JUMP）：{facts.figure_label(name)}今年是 {now}，上年是 {last}"
            f"（{previous.where(name)}），{how}，请确认是否填错。",
            code="JUMP", severity=Severity.WARNING))
    return found


CHECK = Check((RULE,), check, previous=True, with_errors=False)
