"""Typed figures related to each other in one sentence: a total and its parts, a share and the numbers
it is of, a rate, 办结 against 受理. Pure: no YAML, no docx, no I/O.

A reviewer adds up 「共2150条，其中主动公开1300条、依申请35条、不予公开760条」 and divides 「不予公开45件，
占3.6%」 by its base; a report that prints such a slip is marked (条例第四十九条、第五十条: the report's
numbers must be accurate). This module finds the typed numbers that stand in such a relation and what
they should make; reportgen.checks.relations turns a mismatch into a warning.

Conservative on purpose, like reportgen.model.mentions: only Arabic numbers typed with a unit, only
within one sentence (no 。！？ between them), a list of parts only when the parts are joined by 、/和/及 right
after 其中 (or named before 分别为), a share only when its base is the one larger number of the same unit
in the sentence, and never a number qualified as an estimate (约, 近, 超过, 余, 左右). A missed relation
costs nothing, a false one costs trust. Shares are rounded half up to the decimals typed (the usual
rule of the reports: 45/1300 = 3.46 % is printed 3.5 %).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .mentions import parse_number

__all__ = ["Amount", "Sum", "Share", "Rate", "Answered", "amounts", "sums", "shares", "rates", "answered",
           "round_half_up", "sentences", "about_last_year"]

_NUM = r"(?<![0-9０-９.．,])(?P<n>[0-9０-９]{1,3}(?:,[0-9]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?)"
_UNIT = r"(?P<u>万元|元|件次|人次|件|条|起|宗|项|次|个(?!百分点)|份|篇|期|场|家|所|人)"
_AMOUNT = re.compile(_NUM + r"\s?" + _UNIT)
_PERCENT = re.compile(_NUM + r"\s?[%％]")
_SENTENCE_END = re.compile(r"[。！!？?\n]")
_ESTIMATE_BEFORE = re.compile(r"(?:约|近|超过|逾|不到|不足|将近|大约|接近|多于|少于|以上|达到?近)$")
_ESTIMATE_AFTER = re.compile(r"余|多|左右|以上|以下|上下")


@dataclass(frozen=True)
class Amount:
    """A typed number with its unit: 「1300条」 at [start, end) (the number only)."""

    start: int
    end: int
    typed: str
    value: Decimal
    unit: str
    unit_end: int  # where the unit ends


@dataclass(frozen=True)
class Sum:
    """A total and its parts typed in one sentence (共…其中…、…; …分别为…; X = A + B)."""

    total: Amount
    parts: tuple[Amount, ...]
    whole: bool  # the total is said to be one (共/合计…): the parts may still be a selection
    closed: bool = False  # the parts are said to be the whole split (其他…, 分别为, an equation)

    @property
    def parts_sum(self) -> Decimal:
        return sum((p.value for p in self.parts), Decimal(0))

    def wrong(self) -> bool:
        """Whether the parts surely do not make the total: more than the total; less than a closed split;
        or less than a total said to be one (共…) by at most a tenth of it (parts that make far less
        are more likely a selection: 共发布2150条，其中政策文件35条、政策解读18条)."""
        if self.parts_sum > self.total.value or (self.closed and self.parts_sum != self.total.value):
            return True
        return self.whole and Decimal("0.9") * self.total.value <= self.parts_sum < self.total.value


@dataclass(frozen=True)
class Share:
    """A share typed as a percentage (占3.6%), the part and the base it is of (45 of 1300)."""

    start: int  # of the typed percentage
    typed: str
    value: Decimal
    part: Amount
    base: Amount
    others: tuple[Amount, ...] = ()  # other amounts of the unit the base may include

    def computed(self, base: Decimal | None = None) -> Decimal:
        """100 × part / base, rounded half up to the decimals typed."""
        return round_half_up(Decimal(100) * self.part.value / (base or self.base.value), _decimals(self.typed))

    def right(self) -> bool:
        """Whether the typed share is right for the base, or for the base with any one other amount."""
        bases = [self.base.value] + [self.base.value + o.value for o in self.others]
        return any(b and self.value == self.computed(b) for b in bases)


@dataclass(frozen=True)
class Rate:
    """A rate typed as a percentage: 「办结率100%」."""

    start: int
    typed: str
    value: Decimal
    word: str  # 办结率, 占比 …
    sentence: str


@dataclass(frozen=True)
class Answered:
    """受理 (or 收到, 新收) N and 办结 M of 政府信息公开申请 typed in one sentence; 上年结转 C when typed;
    the 办结率 typed after them, if any."""

    received: Amount
    answered: Amount
    carried: Amount | None = None
    rate: Rate | None = None
    received_word: str = "受理"
    sentence: tuple[int, int] = (0, 0)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """3.4615 → 3.5 with 1 decimal; 2.5 → 3 with 0."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _decimals(typed: str) -> int:
    typed = typed.replace("．", ".")
    return len(typed.split(".")[1]) if "." in typed else 0


def sentences(text: str) -> list[tuple[int, int]]:
    """The [start, end) of each sentence of a text (ended by 。！？ or a new line)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def _estimate(text: str, start: int, end: int) -> bool:
    return bool(_ESTIMATE_BEFORE.search(text[max(0, start - 4):start]) or _ESTIMATE_AFTER.match(text, end))


def amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    """The typed numbers with a unit in text[start:end], estimates (约80件, 80余件) left out."""
    end = len(text) if end is None else end
    out = []
    for m in _AMOUNT.finditer(text, start, end):
        value = parse_number(m.group("n"))
        if value is None or _estimate(text, m.start("n"), m.end()):
            continue
        if m.start("n") > 0 and text[m.start("n") - 1] in "第{":
            continue
        out.append(Amount(m.start("n"), m.end("n"), m.group("n"), value, m.group("u"), m.end()))
    return out


# -- totals and parts -------------------------------------------------------------------------------

_WHOLE_BEFORE = re.compile(r"(?:共|总计|合计|总数|一共|总共|全部)[^，,；;：:、]{0,14}$")
_JOIN = re.compile(r"^(?:、|和|及|以及|与)")
_REST = re.compile(r"其他|其它|其余|剩余")
_RESPECTIVELY = re.compile(r"分别(?:为|是|有|达)")
_LIST_NUM = re.compile(_NUM + r"\s?" + _UNIT + "?")
_EQUATION = re.compile(r"(?<![0-9.])(\d+(?:\.\d+)?)\s*[=＝]\s*(\d+(?:\.\d+)?(?:\s*[+＋]\s*\d+(?:\.\d+)?)+)(?![0-9.])"
                       r"|(?<![0-9.])(\d+(?:\.\d+)?(?:\s*[+＋]\s*\d+(?:\.\d+)?)+)\s*[=＝]\s*(\d+(?:\.\d+)?)(?![0-9.])")


def _total_before(text: str, at: int, found: list[Amount]) -> Amount | None:
    """The amount that ends right before `at` (only a comma between): 「共2150条，」其中."""
    before = [a for a in found if a.unit_end <= at]
    if not before:
        return None
    total = before[-1]
    return total if re.fullmatch(r"\s*[，,（(]?\s*", text[total.unit_end:at]) else None


def _list_after(text: str, at: int, end: int, found: list[Amount]) -> list[Amount]:
    """Parts joined by 、/和/及 from `at`: 「主动公开1300条、依申请35条、不予公开760条」."""
    parts: list[Amount] = []
    pos = at
    for a in (a for a in found if a.start >= at):
        between = text[pos:a.start]
        if parts:
            joined = _JOIN.match(between)
            if not joined:
                break
            between = between[joined.end():]
        if not between.strip() or len(between) > 20 or re.search(r"[，,；;：:（(）)%％=＝占]|其中", between):
            break
        parts.append(a)
        pos = a.unit_end
    return parts


def sums(text: str) -> list[Sum]:
    """Every total typed with its parts in `text`."""
    out: list[Sum] = []
    for s, e in sentences(text):
        found = amounts(text, s, e)
        for m in re.finditer(r"其中", text[s:e]):
            at = s + m.start()
            total = _total_before(text, at, found)
            if total is None:
                continue
            whole = bool(_WHOLE_BEFORE.search(text[s:total.start]))
            resp = _RESPECTIVELY.search(text, at, e)
            head = text[at + 2:resp.start()] if resp else ""
            if resp and head and not re.search(r"[0-9０-９，,；;]", head):
                parts = _respectively(text, resp.end(), e, head)
                if parts and all(p.unit == total.unit for p in parts):
                    out.append(Sum(total, tuple(parts), True, True))
                continue
            parts = _list_after(text, at + 2, e, found)
            if len(parts) >= 1 and any(p.unit != total.unit for p in parts):
                # parts counted in other units (62件、41篇、4123条 of 3264条): only a part of the total's
                # unit larger than the total itself is sure to be wrong
                larger = [p for p in parts if p.unit == total.unit and p.value > total.value]
                out += [Sum(total, (larger[0],), False)] if larger else []
                continue
            if len(parts) < 2:
                continue
            rest = bool(_REST.search(text[parts[-2].unit_end:parts[-1].start]))
            out.append(Sum(total, tuple(parts), whole, rest))
        out += _equations(text, s, e)
    return out


def _respectively(text: str, at: int, end: int, names: str) -> list[Amount]:
    """The numbers after 分别为 (「分别为10件、15件」 or 「10、15件」), as many as the names before it."""
    count = len(re.split(r"、|和|及|与", names))
    nums: list[tuple[re.Match[str], Decimal]] = []
    pos = at
    while True:
        m = _LIST_NUM.match(text, pos)
        if not m or m.end() > end:
            return []
        value = parse_number(m.group("n"))
        if value is None:
            return []
        nums.append((m, value))
        pos = m.end()
        join = re.match(r"、|和|及|与", text[pos:end])
        if not join:
            break
        pos += join.end()
    unit = nums[-1][0].group("u")
    if count < 2 or len(nums) != count or not unit or any(m.group("u") not in (None, unit) for m, _ in nums):
        return []
    return [Amount(m.start("n"), m.end("n"), m.group("n"), v, unit, m.end()) for m, v in nums]


def _equations(text: str, s: int, e: int) -> list[Sum]:
    out = []
    for m in _EQUATION.finditer(text, s, e):
        if m.group(1):
            total_at, parts_at = 1, 2
        else:
            total_at, parts_at = 4, 3
        total_text = m.group(total_at)
        total = Amount(m.start(total_at), m.end(total_at), total_text, Decimal(total_text), "", m.end(total_at))
        parts = []
        for p in re.finditer(r"\d+(?:\.\d+)?", m.group(parts_at)):
            start = m.start(parts_at) + p.start()
            parts.append(Amount(start, start + len(p.group(0)), p.group(0), Decimal(p.group(0)), "",
                                start + len(p.group(0))))
        out.append(Sum(total, tuple(parts), True, True))
    return out


# -- shares and rates -------------------------------------------------------------------------------

# 占, 占比, 占总数的, 占全部申请的, 占申请总量的 — not 占全市的 (a base the sentence does not type)
_SHARE_WORDS = re.compile(r"\s*[，,、]?\s*(?:占(?:比|(?:总数|总量|(?:全部|所有)[^，,；;。\d%％]{0,8}|[^，,；;。\d%％]{0,8}(?:总数|总量))"
                          r"(?:的)?(?:比例|比重)?)?|比例|比重)(?:为|达|是)?\s*$")
_RATE_WORD = re.compile(r"([\u4e00-\u9fff]{0,6}?(?:率|占比|比例|比重))(?:[^，,；;。\d%％]{0,4}?)(?:为|达到?|是|均为|保持|实现)?\s*$")
_NOT_CAPPED = re.compile(r"增|减|涨|降|幅|速|同比|环比|上年|去年|提高|提升|下滑|利率|回报|收益|超额|超过|完成进度")
_EXPLAINED = re.compile(r"含|包括|结转|超额|因为|由于|说明")


def shares(text: str) -> list[Share]:
    """Every share typed right after its part (「不予公开45件，占3.6%」) whose base is known: the total
    of the 其中 list the part is in, else the one larger amount of the same unit earlier in the sentence."""
    out: list[Share] = []
    all_sums = sums(text)
    for s, e in sentences(text):
        found = amounts(text, s, e)
        for m in _PERCENT.finditer(text, s, e):
            if _estimate(text, m.start("n"), m.end()):
                continue
            before = [a for a in found if a.unit_end <= m.start()]
            if not before or not _SHARE_WORDS.fullmatch(text[before[-1].unit_end:m.start()]):
                continue
            part = before[-1]
            listed = [x for x in all_sums if part in x.parts and x.total.unit]
            if listed:
                base, others = listed[0].total, ()
            elif _PERCENT.search(text, s, before[-1].start):
                continue  # shares of several parts in a row (A 211件，占33.2%；B 29件，占4.6%): the base is not typed
            else:
                larger = [a for a in before[:-1] if a.unit == part.unit and a.value > part.value]
                if len(larger) != 1:
                    continue
                base = larger[0]
                others = tuple(a for a in before[:-1] if a.unit == part.unit and a is not base)
            value = parse_number(m.group("n"))
            if value is None or not base.value:
                continue
            out.append(Share(m.start("n"), m.group("n"), value, part, base, others))
    return out


def rates(text: str) -> list[Rate]:
    """Every percentage typed after a word of a rate that cannot pass 100 % (办结率, 占比, 比例 …; not a
    growth, 增长率, 同比 …)."""
    out = []
    for s, e in sentences(text):
        for m in _PERCENT.finditer(text, s, e):
            clause_start = max([s] + [i + 1 for i in range(s, m.start()) if text[i] in "，,；;"])
            word = _RATE_WORD.search(text[clause_start:m.start()])
            occupied = re.search(r"占[^，,；;。\d%％]{0,12}$", text[clause_start:m.start()])
            if not word and not occupied:
                continue
            wording = word.group(1) if word else occupied.group(0)
            if wording.endswith("率"):
                wording = wording[-3:]  # 依申请公开办结率 → 办结率
            if _NOT_CAPPED.search(text[clause_start:m.start()]):
                continue
            value = parse_number(m.group("n"))
            if value is None:
                continue
            out.append(Rate(m.start("n"), m.group("n"), value, wording, text[s:e]))
    return out


def explained(rate: Rate) -> bool:
    """Whether the sentence of a rate says why it may pass 100 % (含上年结转, 超额 …)."""
    return bool(_EXPLAINED.search(rate.sentence))


# -- 办结 against 受理 ------------------------------------------------------------------------------

_RECEIVED = re.compile(r"(受理|收到|新收|接收|接到)[^，,；;。\d]{0,14}?$")
_ANSWERED = re.compile(r"(办结|答复|办理完毕|处理完毕)[^，,；;。\d]{0,8}?$")
_CARRIED = re.compile(r"(上一?年度?结转|上年转入)[^，,；;。\d]{0,6}?$")
_OTHER_THINGS = re.compile(r"复议|诉讼|许可|政务服务|审批|诉求|留言|建议|提案|议案|来信|来电|来访|工单|咨询|投诉|举报|信访|"
                           r"案件|办件|热线")
_APPLICATION = re.compile(r"申请")


def answered(text: str) -> list[Answered]:
    """受理 and 办结 of 政府信息公开申请 typed in one sentence (the sentence names 申请 and nothing else
    that is received and answered: 诉求, 留言, 行政许可 …)."""
    out = []
    for s, e in sentences(text):
        sentence = text[s:e]
        if not _APPLICATION.search(sentence) or _OTHER_THINGS.search(sentence):
            continue
        received = done = carried = None
        word = ""
        for a in amounts(text, s, e):
            if a.unit != "件":
                continue
            lead = text[max(s, a.start - 16):a.start]
            if received is None and (m := _RECEIVED.search(lead)) and not re.search("其中|结转|办结", m.group(0)):
                received, word = a, m.group(1)
            elif done is None and received is not None and _ANSWERED.search(lead) and "其中" not in lead[-6:]:
                done = a
            elif carried is None and _CARRIED.search(lead):
                carried = a
        if received is None or done is None:
            continue
        rate = next((r for r in rates(text) if s <= r.start < e and ("办结" in r.word or "答复" in r.word)), None)
        out.append(Answered(received, done, carried, rate, word, (s, e)))
    return out


# -- last year ---------------------------------------------------------------------------------------

def about_last_year(text: str, phrase_start: int, year: int | None = None) -> bool:
    """Whether the clause before a figure's phrase (starting at `phrase_start`) speaks of last year:
    「上年收到申请80件」, 「2024年受理申请…」 (given this report's `year`). 上年结转 is this year's figure."""
    clause = re.split(r"[，,；;。：:！？!?\n]", text[:max(phrase_start, 0)])[-1]
    clause = re.sub(r"上一?年度?结转|上年转入", "", clause)
    last = rf"上一?年度?|去年|{year - 1}年" if year else r"上一?年度?|去年"
    return bool(re.search(last, clause))
