"""The structured 依申请公开 figures of a narrative-era (2008 条例) report: the `requests` block.

2008–2018 reports state these figures in prose (受理、办结、同意公开 …, 2008 条例 第二十九条 and the
report content of 第三十二条: 依申请公开和不予公开、收费及减免、行政复议和行政诉讼). Typed once here,
the text names them as {requests.received} etc. Every key is optional; each is a whole number
except `fees`, an amount in 元 with at most 2 decimals. The relations a reviewer checks (the parts
add up to what was answered; answered ≤ received + carried over) are checks of their own.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..containers import Record
from ..scalars import Amount, Count
from ..schema import Field

# key → (Chinese label, unit); the order is the order a report states them in.
REQUEST_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("received", "受理（收到）申请", "件"),
    ("carried_over", "上年结转", "件"),
    ("answered", "办结（答复）", "件"),
    ("granted", "同意公开", "件"),
    ("partially_granted", "同意部分公开", "件"),
    ("denied", "不予公开", "件"),
    ("not_exist", "信息不存在", "件"),
    ("not_our_duty", "非本机关职责范围", "件"),
    ("unclear", "申请内容不明确", "件"),
    ("other", "其他处理", "件"),
    ("carried_forward", "结转下年度", "件"),
    ("fees", "收费（元）", "元"),
    ("review", "行政复议", "件"),
    ("litigation", "行政诉讼", "件"),
)


def requests_field() -> Record:
    """The `requests` field: each figure of REQUEST_FIGURES, optional; counts in 件, `fees` in 元 (at
    most 2 decimal places)."""
    fields: dict[str, Field] = {}
    for key, label, _unit in REQUEST_FIGURES:
        if key == "fees":
            fields[key] = Amount(label, "全年收取的检索、复制、邮寄等费用（元），最多 2 位小数；正文用 {requests.fees} 引用",
                                 unit="元", places=2, required=False)
        else:
            fields[key] = Count(label, f"{label}的件数；正文用 {{requests.{key}}} 引用", unit="件", required=False)
    return Record("依申请公开情况", fields,
                  "依申请公开的各项数字（2008年条例时期的报告在正文中叙述）；每项可选，正文用 {requests.received} 等引用",
                  required=False, default=dict)


def request_values(data: dict[str, Any]) -> dict[str, str]:
    """{requests.KEY} → the figure as printed (an amount as typed: 0, 12.50)."""
    values: dict[str, str] = {}
    for key, value in (data.get("requests") or {}).items():
        if value is None:
            continue
        values[f"requests.{key}"] = format(value, "f") if isinstance(value, Decimal) else str(value)
    return values


def request_units() -> dict[str, str]:
    """{requests.KEY} → its unit (件, or 元 for fees), for year-over-year texts."""
    return {f"requests.{key}": unit for key, _, unit in REQUEST_FIGURES}
