"""no-previous: a text names a year-over-year figure ({applications.new.total.change} …, see
reportgen.model.yoy) that cannot be computed, because last year's facts are not at hand or lack it."""

from __future__ import annotations

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model import prose, yoy
from ..model.facts import Facts
from .rule import ERROR, Check, Rule

RULE = Rule("no-previous", "没有上年的数", ERROR,
            "正文引用了与上年比较的数（如 {applications.new.total.change}），却没有上一年度的事实文件，或其中没有这个数。",
            "reportgen 事实文件的写法（用户指南“与上年比较”）")


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """An error at each reference to a year-over-year figure that cannot be computed: last year's
    facts are not at hand, or they lack that figure."""
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


CHECK = Check((RULE,), check, with_errors=False)
