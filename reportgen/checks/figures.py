"""FIGURE: a derived figure (`figures:`: a sum, a difference, a share) the document model cannot
compute — an unknown name, a share of 0, money added to counts, a figure that names itself — as an
error at its definition (reportgen.model.document.figures finds them; this names them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..model.document import figures
from .rule import ERROR, Check, Rule

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

RULE = Rule("FIGURE", "计算得出的数算不出", ERROR,
            "figures 里的数算不出：引用了不存在的数、以 0 为整体算占比、把单位不同的数相加减，或者引用自己、互相引用。",
            "reportgen 事实文件的写法（用户指南“计算得出的数”）")


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """FIGURE: one error per derived figure that cannot be computed (figures.figure_problems), in
    file order; not again for a figure that failed only because one it uses did."""
    return figures.figure_problems(facts.data, facts.references,
                                   lambda path, message: facts.problem(path, message, code="FIGURE"),
                                   getattr(facts, "unsure", frozenset()), facts.format.units(facts.data))


CHECK = Check((RULE,), check)
