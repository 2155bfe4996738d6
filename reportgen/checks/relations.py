"""SUM, SHARE, RATE, ANSWERED: typed figures of one sentence that do not fit each other — a total its
parts do not make, a share rounded wrong or of the wrong numbers, a rate over 100 %, more requests
answered than received. Which typed numbers stand in which relation is told by reportgen.model.relations;
this module turns a mismatch into a warning at the typed number.

The statutory duty is accuracy (条例第四十九条、第五十条); reviewers and third-party assessors add up and
divide the figures a report types (第三方评估“数据准确”), and such slips were found in real published
reports (issue 20). Only typed numbers are compared: a `{reference}` is right by construction.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model import relations as R
from .rule import WARNING, Check, OnReport, Rule
from .wording import plain_with_place

if TYPE_CHECKING:
    from ..model.facts import Facts

_SOURCE = "《政府信息公开条例》第四十九条、第五十条（内容准确）；第三方评估“数据准确”：正文数字相互之间应一致"

SUM = Rule("SUM", "总数与分项不符", WARNING,
           "正文同一句里写出的总数与它的分项（共……其中……、……；……分别为……；X = A + B）加起来不相等。", _SOURCE,
           report=OnReport(wording=plain_with_place))
SHARE = Rule("SHARE", "比例与所依数字不符", WARNING,
             "正文写的比例（占……%、办结率）与同一句里它所依的两个数算出的比例（四舍五入到所写的小数位）不一致。", _SOURCE,
             report=OnReport(wording=plain_with_place))
RATE = Rule("RATE", "比率超过100%", WARNING,
            "正文写的比率（……率、占……比例）超过 100%，句中又没有说明原因。", _SOURCE,
            report=OnReport(wording=plain_with_place))
ANSWERED = Rule("ANSWERED", "办结数多于受理数", WARNING,
                "正文写的办结申请数多于受理（新收）申请数与上年结转数之和。",
                "《政府信息公开条例》第五十条；国办公开办函〔2021〕30号 表三：办结数不超过新收与上年结转之和",
                report=OnReport(wording=plain_with_place))
RULES = (SUM, SHARE, RATE, ANSWERED)


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _problem(facts: Facts, path: str, node: object, offset: int, code: str, message: str) -> Problem:
    loc = facts.source_location(node, text_offset(node, offset))  # type: ignore[arg-type]
    return Problem(loc, message, path, "", Severity.WARNING, code, facts.source.line(loc.line))


def _carried(facts: Facts) -> Decimal | None:
    for name in ("applications.carried_over.total", "requests.carried_over"):
        if name in facts.references:
            try:
                return Decimal(facts.references[name])
            except ArithmeticError:
                return None
    return None


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """SUM, SHARE, RATE and ANSWERED warnings for every text of the facts (typed numbers only)."""
    found: list[Problem] = []
    carried = _carried(facts)
    for path, node in facts.prose:
        text = node.value
        found += [_problem(facts, path, node, s.total.start, "SUM", _sum_message(s)) for s in R.sums(text)
                  if s.wrong()]
        found += [_problem(facts, path, node, s.start, "SHARE", _share_message(s)) for s in R.shares(text)
                  if not s.right()]
        pairs = R.answered(text)
        over = [a for a in pairs if _over(a, carried)]
        found += [_problem(facts, path, node, a.answered.start, "ANSWERED",
                           _answered_message(a, carried, _which(a, facts.references, carried)))
                  for a in over]
        found += [_problem(facts, path, node, a.rate.start, "SHARE", m) for a in pairs
                  if a not in over and a.rate is not None and (m := _rate_share(a, carried))]
        found += [_problem(facts, path, node, r.start, "RATE", _rate_message(r)) for r in R.rates(text)
                  if r.value > 100 and not R.explained(r)]
    return found


def _sum_message(s: R.Sum) -> str:
    unit = s.total.unit
    parts = "、".join(p.typed for p in s.parts)
    gap = s.total.value - s.parts_sum
    what = f"少 {_plain(gap)}" if gap > 0 else f"多 {_plain(-gap)}"
    if len(s.parts) == 1:
        return (f"总数与分项不符（SUM）：总数“{s.total.typed}{unit}”，而其中一项是 {parts}{s.parts[0].unit}，比总数还多 "
                f"{_plain(-gap)}：总数或这一分项写错了，请核对后改正。")
    message = (f"总数与分项不符（SUM）：总数“{s.total.typed}{unit}”，分项 {parts} 之和为 {_plain(s.parts_sum)}，"
               f"与总数 {s.total.typed} 相差 {_plain(abs(gap))}（分项之和{what}）。")
    if gap < 0:
        message += "分项之和大于总数，总数或某一分项写错了，请核对后改正。"
    else:
        message += "请核对总数或某一分项是否写错；若所列分项本来只是其中一部分，请写明“其他”的数或改写措辞。"
    return message


def _share_message(s: R.Share) -> str:
    exact = Decimal(100) * s.part.value / s.base.value
    decimals = len(s.typed.split(".")[1]) if "." in s.typed else 0
    return (f"比例与所依数字不符（SHARE）：{s.part.typed}{s.part.unit}占{s.base.typed}{s.base.unit}的比例是 "
            f"{_plain(R.round_half_up(exact, 3))}%，四舍五入保留 {decimals} 位小数为 {_plain(s.computed())}%，"
            f"而正文写的是 {s.typed}%。请改为 {_plain(s.computed())}%，或核对 {s.part.typed} 与 {s.base.typed} 是否写错。")


def _over(a: R.Answered, carried: Decimal | None) -> bool:
    extra = a.carried.value if a.carried is not None else (carried or Decimal(0))
    return a.answered.value > a.received.value + extra


def _answered_message(a: R.Answered, carried: Decimal | None, which: str = "") -> str:
    n, m = a.received, a.answered
    head = (f"办结数多于受理数（ANSWERED）：正文写{a.received_word} {n.typed} 件、办结 {m.typed} 件，"
            f"办结数比{a.received_word}数多 {_plain(m.value - n.value)} 件")
    if a.carried is not None:
        head += f"，加上所写的上年结转 {a.carried.typed} 件也不够"
    elif carried is not None:
        head += f"，加上表格中的上年结转 {_plain(carried)} 件也不够"
    rate = f"（所写办结率 {a.rate.typed}% 也与此不符）" if a.rate is not None else ""
    tail = (f"。办结的申请不会多于受理与上年结转之和：{which or '办结数或受理数可能写错了'}，请核对后改正。"
            if a.carried is not None or carried is not None else
            "。办结的申请不会多于受理与上年结转之和：若办结数包含上年结转的申请，请在句中写明上年结转件数；否则办结数或受理数写错了。")
    return head + rate + tail


def _figure(known: dict[str, str], *names: str) -> Decimal | None:
    for name in names:
        if name in known:
            try:
                return Decimal(known[name])
            except ArithmeticError:
                return None
    return None


def _which(a: R.Answered, known: dict[str, str], carried: Decimal | None) -> str:
    """Which typed number the table says is wrong, when it says so: 表格中新收为 66 件，可能是 60 写错了."""
    new = _figure(known, "applications.new.total", "requests.received")
    done = _figure(known, "applications.results_total.total", "requests.answered")
    if new is None or done is None:
        return ""
    received_right = a.received.value in (new, new + (carried or 0))
    if not received_right and a.answered.value == done:
        return f"表格中本年新收为 {_plain(new)} 件、办结 {_plain(done)} 件，可能是{a.received_word}数 {a.received.typed} 写错了"
    if received_right and a.answered.value != done:
        return f"表格中办结为 {_plain(done)} 件，可能是办结数 {a.answered.typed} 写错了"
    return ""


def _rate_share(a: R.Answered, carried: Decimal | None) -> str:
    """SHARE for a typed 办结率 that neither 办结/受理 nor 办结/(受理+上年结转) gives."""
    rate = a.rate
    assert rate is not None
    decimals = len(rate.typed.split(".")[1]) if "." in rate.typed else 0
    bases = [a.received.value]
    extra = a.carried.value if a.carried is not None else carried
    if extra:
        bases.append(a.received.value + extra)
    computed = [R.round_half_up(Decimal(100) * a.answered.value / b, decimals) for b in bases if b]
    if not computed or rate.value in computed or rate.value > 100:
        return ""
    return (f"比例与所依数字不符（SHARE）：正文写{a.received_word} {a.received.typed} 件、办结 {a.answered.typed} 件，"
            f"{rate.word} {rate.typed}%，而 {a.answered.typed}÷{a.received.typed} 四舍五入为 {_plain(computed[0])}%"
            + (f"（计入上年结转为 {_plain(computed[1])}%）" if len(computed) > 1 else "")
            + f"。请核对{rate.word}或所依的件数。")


def _rate_message(r: R.Rate) -> str:
    return (f"比率超过100%（RATE）：正文写“{r.word}{r.typed}%”，比率不应超过 100%。请核对所依的数字；"
            "若确有原因（如包含上年结转），请在句中说明。")


CHECK = Check(RULES, check)
