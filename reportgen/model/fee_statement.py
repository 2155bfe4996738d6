"""The 信息处理费 statement of the national format's part 六、其他需要报告的事项.

国办公开办函〔2021〕30号 asks each report to state the 信息处理费 charged under the 《政府信息公开信息处理费
管理办法》(国办函〔2020〕109号). Reviewers mark two faults: no statement at all, and a statement that
contradicts itself (「本年度未收取信息处理费」 printed above an added 「全年收取……350元」). So:

- a text that already states the fee (names ``{processing_fee}``, types an amount, or says none was
  charged) is the statement: no sentence is added;
- a statement that contradicts ``processing_fee`` (未收取 while it is 350, 收取120元 while it is 0) is an
  error (FEE) at the statement (the check is reportgen.checks.fee; `contradictions` finds them);
- with no statement, one sentence is added, worded for 0 (本年度未收取信息处理费。) or for the amount;
- a text may place that same wording itself with the reference ``{processing_fee_statement}``
  (`fee_words`): it prints the fact, so it is a statement that cannot contradict it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .mentions import parse_number

_NONE_CHARGED = re.compile(
    r"(?:未|没有|无|均未|从未|不曾|不存在|不涉及)(?:产生|发生|收取|收)[^。；;，,]{0,8}?信息处理费"
    r"|(?:未|没有|不|均未|从未|不曾|无需)(?:向申请人)?(?:收取|收)[^。；;，,]{0,8}?(?:任何费用|费用)"
    r"|(?:未|没有|不|均未|从未)(?:向申请人)?收费"
    r"|信息处理费[^。；;，,\d]{0,4}?(?:为零|为〇|为0(?:\.0+)?元?(?![.\d]))"
)
_AMOUNT = re.compile(r"(?:收取|收)[^。；;，,]{0,16}?信息处理费[^。；;，,\d]{0,6}?"
                     r"(?P<n>\{processing_fee\}|[0-9０-９][0-9０-９,.．]*|[〇零一二两三四五六七八九十百千万]+)(?P<u>万元|元)")


@dataclass(frozen=True)
class Statement:
    start: int  # offset in the text
    charged: Decimal | None  # the amount stated; 0 for "none charged"; None for {processing_fee}
    typed: str  # the words, for messages


def statements(text: str) -> list[Statement]:
    """Every statement of the fee in one (raw) text: 未收取信息处理费 → 0; 收取信息处理费350元 → 350;
    收取信息处理费{processing_fee}元 → None (it prints the fact, so it cannot contradict it)."""
    found = []
    for m in _AMOUNT.finditer(text):
        n = m.group("n")
        if n == "{processing_fee}":
            found.append(Statement(m.start(), None, m.group(0)))
            continue
        value = parse_number(n)
        if value is None:
            continue
        if m.group("u") == "万元":
            value *= 10000
        found.append(Statement(m.start(), value, m.group(0)))
    taken = {s.start for s in found}
    about_requests = "信息处理费" in text or "申请" in text or "信息公开" in text
    for m in _NONE_CHARGED.finditer(text):
        if any(m.start() <= t < m.end() or t <= m.start() < t + 4 for t in taken):
            continue  # 收取信息处理费0元 is already an amount
        if "信息处理费" in m.group(0) or about_requests:
            found.append(Statement(m.start(), Decimal(0), m.group(0)))
    return sorted(found, key=lambda s: s.start)


REFERENCE = "processing_fee_statement"  # {processing_fee_statement}: fee_words(processing_fee)


def fee_words(fee: Decimal) -> str:
    """The statement of `fee` (元) without its full stop, as {processing_fee_statement} prints it:
    0 → 本年度未收取信息处理费; 350 → 全年收取政府信息公开信息处理费350元 (the amount as typed)."""
    if fee == 0:
        return "本年度未收取信息处理费"
    return f"全年收取政府信息公开信息处理费{format(fee, 'f')}元"


def fee_statement(texts: Iterable[str], fee: Decimal) -> str | None:
    """The sentence to add at the end of 六、其他需要报告的事项, or None when one of the report's texts
    (raw, with their {references}) already states the fee."""
    if any(statements(text) or "{processing_fee}" in text or "{" + REFERENCE + "}" in text for text in texts):
        return None
    return fee_words(fee) + "。"


def contradictions(text: str, fee: Decimal) -> list[Statement]:
    """The statements of a text that say another amount than `fee` (0 for none charged)."""
    return [s for s in statements(text) if s.charged is not None and s.charged != fee]
