"""NONE: a sentence of the text saying there were none (no 政府信息公开申请, no 行政复议, no 行政诉讼) while the
table counts some this year.

A clerk who starts from last year's report keeps 「全年未收到政府信息公开申请。」 while table 三 now counts
5 new requests: a reviewer reads a report that contradicts itself (条例第五十条; 国办公开办函〔2021〕30号
表三“一、本年新收政府信息公开申请数量”, 表四“行政复议”“行政诉讼”). The claims are found by
reportgen.model.none_claims; this module compares each with its figure:

- 未收到…政府信息公开申请 with this year's new requests (applications.new.total; not 上年结转: 未收到 speaks
  of new ones), in the narrative format with `requests.received` when it is filled;
- 未发生…行政复议 with review_litigation.review.total (narrative: `requests.review`);
- 未发生…行政诉讼 with direct_suit.total + suit_after_review.total (narrative: `requests.litigation`).

A figure that is not known (not filled, or in a part with a problem) is not compared.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model import none_claims as N
from .rule import WARNING, Check, OnReport, Rule
from .text_figures import figure_name
from .wording import plain_with_place

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

RULE = Rule("NONE", "正文说没有，表格却有", WARNING,
            "正文说本年没有收到政府信息公开申请、没有发生行政复议或行政诉讼，而表格（叙述式报告：所填的 requests）"
            "本年新收申请、行政复议或行政诉讼却不是 0。",
            "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号 表三“一、本年新收政府信息公开申请数量”、"
            "表四“行政复议”“行政诉讼”：正文与表格的数据一致",
            report=OnReport(wording=plain_with_place,
                            checks="报告正文说本年没有收到政府信息公开申请、没有发生行政复议或行政诉讼，而表三本年新收申请、"
                                   "表四行政复议或行政诉讼却不是 0。"))

# the figures a claim is compared with: the national tables', else the narrative format's `requests`
_FIGURES = {
    N.REQUESTS: (("applications.new.total",), ("requests.received",)),
    N.REVIEW: (("review_litigation.review.total",), ("requests.review",)),
    N.LITIGATION: (("review_litigation.direct_suit.total", "review_litigation.suit_after_review.total"),
                   ("requests.litigation",)),
}
_WHAT = {N.REQUESTS: "收到政府信息公开申请", N.REVIEW: "发生行政复议", N.LITIGATION: "发生行政诉讼"}


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def figures(facts: Facts, about: str) -> tuple[tuple[str, ...], Decimal] | None:
    """The figures a claim about `about` (none_claims.REQUESTS, REVIEW, LITIGATION) is compared with and
    their sum (件), or None when one of them is not known (not filled, or in a part with a problem)."""
    for names in _FIGURES[about]:
        values = [_number(facts.references[n]) if n in facts.references else None for n in names]
        if all(v is not None for v in values):
            return names, sum(values, Decimal(0))  # type: ignore[arg-type]
    return None


def _year(facts: Facts) -> int | None:
    try:
        return int(facts.data.get("year"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _figure_text(facts: Facts, names: tuple[str, ...]) -> str:
    """表“四、……”“未经复议直接起诉”的总计与“复议后起诉”的总计之和; a narrative figure with its key aside."""
    if names[0].startswith("requests."):
        return f"所填的{figure_name(facts, names[0])}（{names[0]}）"
    texts = [figure_name(facts, n) for n in names]
    if len(texts) == 1:
        return texts[0]
    table = texts[0][:texts[0].index("”") + 1]
    return "与".join([texts[0]] + [t[len(table):] if t.startswith(table) else t for t in texts[1:]]) + "之和"


def check(facts: Facts, previous: Facts | None = None) -> list[Problem]:
    """NONE: every claim of none (none_claims.claims) whose figure is more than 0, a warning at the claim
    naming what the text says, the figure (table and row) and its value, and the fix."""
    found: list[Problem] = []
    year = _year(facts)
    for path, node in facts.prose:
        for claim in N.claims(node.value, year):
            known = figures(facts, claim.about)
            if known is None or known[1] <= 0:
                continue
            names, value = known
            loc = facts.source_location(node, text_offset(node, claim.start))
            refs = "、".join(f"{{{n}}}" for n in names)
            what = "所填的数" if names[0].startswith("requests.") else "表格"
            found.append(Problem(
                loc,
                f"正文说没有，{what}却有（NONE）：正文写的是“{claim.typed}”，即本年没有{_WHAT[claim.about]}，"
                f"而{_figure_text(facts, names)}是 {format(value, 'f')}。正文与{what}必有一处不对：请改正文字，或核对{what}。"
                f"正文可写 {refs} 引用，使之始终与{what}一致。",
                path, "", Severity.WARNING, "NONE", facts.source.line(loc.line)))
    return found


CHECK = Check((RULE,), check)
