"""FEE: a statement of the 信息处理费 in the report's text that contradicts ``processing_fee``.

国办公开办函〔2021〕30号 asks each report to state the 信息处理费 charged under the 《政府信息公开信息处理费
管理办法》(国办函〔2020〕109号); reviewers mark a statement that contradicts itself (「本年度未收取信息处理费」
printed above an added 「全年收取……350元」). The statements are read by reportgen.model.fee_statement,
which also decides whether the format adds the sentence of its own.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model.deadlines import FIRST_YEAR_2021_FORMAT
from ..model.fee_statement import contradictions, fee_statement
from .rule import EITHER, Check, OnReport, Rule
from .tables import NATIONAL
from .wording import plain

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts


def for_report(problem: Problem) -> str | None:
    """A published report has no `processing_fee`: the statement contradicts another statement of the
    same report. A report that states no fee is no finding (None): no rule of the format asks 六 to
    state it (statutory-format.md §2.1: "in practice"; the 2019 trial format knows no fee), and real
    reports say only 无。 there; the import's `fee_sentence: false` keeps a rebuild from adding one,
    and the facts check still warns the clerk who builds from that file."""
    if problem.path == "fee_sentence":
        return None
    message = problem.message.replace("而 processing_fee（信息处理费）是", "而报告另一处写的信息处理费是")
    return plain(dataclasses.replace(problem, message=message.replace("信息处理费的说法与事实不符", "信息处理费的说法前后不一")))


RULE = Rule("FEE", "信息处理费的说法与事实不符", EITHER,
            "正文关于信息处理费的说法与所填的收费金额（processing_fee）矛盾（错误）；正文没有说明收费情况，又用 fee_sentence: false 不让程序加这一句（警告）。",
            "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号“六、其他需要报告的事项”",
            report=OnReport(wording=for_report, checks="报告里关于信息处理费的两处说法互相矛盾（错误）。"))


def _fee_asked(facts: Facts) -> bool:
    """Whether the report's year is one whose format asks for the fee statement: the 2021 format
    (国办公开办函〔2021〕30号), under the 办法 in force from 2021-01-01; a 2019 or 2020 report (the trial
    format, imported into this format) had none to make."""
    year = facts.data.get("year")
    return not isinstance(year, int) or year >= FIRST_YEAR_2021_FORMAT


def check(facts: Facts, previous: Facts | None = None) -> list[Problem]:
    """FEE: every statement of the fee in the report's texts that contradicts ``processing_fee``
    (an error at the statement, naming what it says and the fact, in 元); and, as a warning, no
    statement at all when ``fee_sentence: false`` keeps the sentence from being added (for a report of
    2021 on: `_fee_asked`)."""
    fee = facts.data.get("processing_fee")
    if fee is None:
        return []
    found = []
    texts = [node.value for _, node in facts.prose]
    if facts.data.get("fee_sentence") is False and _fee_asked(facts) and fee_statement(texts, fee) is not None:
        found.append(facts.problem(
            "fee_sentence", "报告没有说明信息处理费（FEE）：正文没有写收取信息处理费的情况，fee_sentence: false 又使生成的报告"
            "不加这一句。统一格式的报告通常在“六、其他需要报告的事项”写明（如“本年度未收取信息处理费。”）："
            "请补写一句，或删去 fee_sentence: false。", code="FEE", severity=Severity.WARNING))
    for path, node in facts.prose:
        for s in contradictions(node.value, fee):
            loc = facts.source_location(node, text_offset(node, s.start))
            said = "未收取" if s.charged == 0 else f"收取 {format(s.charged.normalize(), 'f')} 元"
            found.append(Problem(
                loc, f"信息处理费的说法与事实不符（FEE）：正文写的是“{s.typed}”（{said}），而 processing_fee（信息处理费）"
                f"是 {format(fee, 'f')} 元。请改正其中之一；正文可写 {{processing_fee}} 引用。",
                path, "", Severity.ERROR, "FEE", facts.source.line(loc.line)))
    return found


CHECK = Check((RULE,), check, formats=NATIONAL)
