"""REQUESTS: the relations between the counts of a narrative-era report's `requests` block.

The 2008 条例 (第三十二条) asked each report for 依申请公开 figures without a table; clerks typed them in the
text, and real reports carry sums that do not add up. The narrative format's optional `requests` block
holds them as facts (each key optional; counts in 件, `fees` in 元):

    received 受理申请, carried_over 上年结转, answered 办结/答复, granted 同意公开,
    partially_granted 同意部分公开, denied 不予公开, not_exist 信息不存在, not_our_duty 非本机关职责范围,
    unclear 申请内容不明确, other 其他处理, carried_forward 结转下年度, fees 收费, review 行政复议,
    litigation 行政诉讼

Relations (as the later national table makes explicit, 国办公开办函〔2021〕30号 表三):
- answered ≤ received + carried_over: more answered than there were requests is impossible (error);
- the outcomes add up to answered (warning: some reports of the era counted a request under two outcomes);
  with some outcomes left out, only a sum above answered is flagged;
- received + carried_over − answered = carried_forward (warning).
Pure: works on the block as a dict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .rule import EITHER, Check, OnReport, Rule

if TYPE_CHECKING:
    from ..errors import Problem
    from ..model.formats.base import FactsView as Facts

LABELS = {
    "received": "受理申请", "carried_over": "上年结转", "answered": "办结", "granted": "同意公开",
    "partially_granted": "同意部分公开", "denied": "不予公开", "not_exist": "信息不存在",
    "not_our_duty": "非本机关职责范围", "unclear": "申请内容不明确", "other": "其他处理",
    "carried_forward": "结转下年度", "fees": "收费", "review": "行政复议", "litigation": "行政诉讼",
}
OUTCOMES = ("granted", "partially_granted", "denied", "not_exist", "not_our_duty", "unclear", "other")


@dataclass(frozen=True)
class Finding:
    key: str  # the field of the block the finding points at
    error: bool
    message: str


def _n(block: Mapping[str, Any], key: str) -> int | None:
    value = block.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _terms(block: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    return " + ".join(f"{LABELS[k]} {block[k]}" for k in keys)


def relations(block: Mapping[str, Any]) -> list[Finding]:
    """Every relation the given counts break."""
    found: list[Finding] = []
    received, carried, answered = _n(block, "received"), _n(block, "carried_over"), _n(block, "answered")
    if received is not None and answered is not None and answered > received + (carried or 0):
        have = f"{LABELS['received']} {received}" + (f" + {LABELS['carried_over']} {carried}" if carried else "")
        found.append(Finding(
            "answered", True,
            f"办结数多于申请数（REQUESTS）：{LABELS['answered']} {answered} 件，而 {have} = {received + (carried or 0)} 件。"
            "请核对 requests 下的 answered、received 和 carried_over。"))
    given = tuple(k for k in OUTCOMES if _n(block, k) is not None)
    if answered is not None and given:
        total = sum(block[k] for k in given)
        complete = len(given) == len(OUTCOMES)
        if total > answered or (complete and total != answered):
            found.append(Finding(
                "answered", False,
                f"办理结果之和与办结数不符（REQUESTS）：{_terms(block, given)} = {total} 件，而{LABELS['answered']} {answered} 件。"
                "请核对各项；如有一件申请分计两种结果，请在正文说明。"))
    forward = _n(block, "carried_forward")
    if None not in (received, answered, forward):
        expected = received + (carried or 0) - answered  # type: ignore[operator]
        if forward != expected:
            found.append(Finding(
                "carried_forward", False,
                f"结转下年度件数对不上（REQUESTS）：{LABELS['carried_forward']} {forward} 件，而 受理 {received}"
                + (f" + 上年结转 {carried}" if carried else "") + f" − 办结 {answered} = {expected} 件。"))
    return found


def check(facts: Facts, previous: Facts | None = None) -> list[Problem]:
    """The REQUESTS findings of a facts file with a `requests` block, at the field each names."""
    from ..errors import Severity

    block = facts.data.get("requests")
    if not isinstance(block, Mapping):
        return []
    return [facts.problem(f"requests.{f.key}", f.message, code="REQUESTS",
                          severity=Severity.ERROR if f.error else Severity.WARNING)
            for f in relations(block)]


RULE = Rule("REQUESTS", "依申请公开数字不符", EITHER,
            "叙述式报告的依申请公开数字：办结数多于受理数加上年结转（错误）；各项办理结果之和不等于办结数，或 受理 + 上年结转 − 办结 不等于结转下年度（警告）。",
            "2008 年《政府信息公开条例》第三十二条（依申请公开情况）；表三的勾稽关系（国办公开办函〔2021〕30号）",
            report=OnReport())
CHECK = Check((RULE,), check, formats=("narrative-2011",))
