"""The year-over-year findings: JUMP (a figure ten times last year's, or fallen to 0) and a text
naming a year-over-year figure ({applications.new.total.change} …, see reportgen.model.yoy) that
cannot be computed because last year's facts are not at hand or lack it (an error)."""

from __future__ import annotations

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model import prose, yoy
from ..model.facts import Facts


def jumps(facts: Facts, previous: Facts) -> list[Problem]:
    """JUMP: a warning at each figure that is ten times last year's or more, or fell to 0
    (yoy.jumps), with both years' figures and where last year's is."""
    found = []
    for name, now, last in yoy.jumps(facts.references, previous.references):
        how = "是上年的十倍以上" if now else "降为 0"
        found.append(facts.problem(
            name,
            f"与上年相比变化异常（JUMP）：{facts.figure_label(name)}今年是 {now}，上年是 {last}"
            f"（{previous.where(name)}），{how}，请确认是否填错。",
            code="JUMP", severity=Severity.WARNING))
    return found


def unresolved(facts: Facts, previous: Facts | None) -> list[Problem]:
    """A text names a year-over-year figure that cannot be computed: last year's facts are not at
    hand, or they lack that figure (an error, code no-previous, at the reference)."""
    found = []
    for path, node in facts.prose:
        for ref in prose.references(node.value):
            if not yoy.is_yoy(ref.name) or ref.name in facts.references:
                continue
            loc = facts.source_location(node, text_offset(node, ref.start))
            if previous is None:
                why = ("要和上一年度比较，但没有找到上一年度的事实文件：请用 --previous 指定，"
                       "或把上年的文件（文件名中的年份减一）放在这个文件旁边。")
            else:
                why = f"要和上一年度比较，但上一年度的事实文件 {previous.source.name} 里没有这个数。"
            found.append(Problem(loc, f"{{{ref.name}}} {why}", path, "", Severity.ERROR, "no-previous",
                                 facts.source.line(loc.line)))
    return found
