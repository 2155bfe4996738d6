"""FEE: a statement of the 信息处理费 in the report's text that contradicts ``processing_fee``.

国办公开办函〔2021〕30号 asks each report to state the 信息处理费 charged under the 《政府信息公开信息处理费
管理办法》(国办函〔2020〕109号); reviewers mark a statement that contradicts itself (「本年度未收取信息处理费」
printed above an added 「全年收取……350元」). The statements are read by reportgen.model.fee_statement,
which also decides whether the format adds the sentence of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model.fee_statement import contradictions

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts


def check(facts: Facts) -> list[Problem]:
    """FEE: every statement of the fee in the report's texts that contradicts ``processing_fee``
    (an error at the statement, naming what it says and the fact, in 元)."""
    fee = facts.data.get("processing_fee")
    if fee is None:
        return []
    found = []
    for path, node in facts.prose:
        for s in contradictions(node.value, fee):
            loc = facts.source_location(node, text_offset(node, s.start))
            said = "未收取" if s.charged == 0 else f"收取 {format(s.charged.normalize(), 'f')} 元"
            found.append(Problem(
                loc, f"信息处理费的说法与事实不符（FEE）：正文写的是“{s.typed}”（{said}），而 processing_fee（信息处理费）"
                f"是 {format(fee, 'f')} 元。请改正其中之一；正文可写 {{processing_fee}} 引用。",
                path, "", Severity.ERROR, "FEE", facts.source.line(loc.line)))
    return found
