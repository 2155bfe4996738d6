"""Figures typed in prose: which typed number is about which known figure. Pure: no YAML, no docx, no I/O.

A clerk writes 「全年新收政府信息公开申请79件」 instead of ``{applications.new.total}件``; a reviewer
compares that 79 with the table. `mentions` finds such typed numbers (Arabic 79, 1,268, ７９ or Chinese
八十, 一千二百六十八, followed by a unit 件 条 起 项 次 元 万元 …) and the phrase that says what they
count, in either word order (申请79件, 受理79件申请, 办结申请79件), and names the reference(s) they are
about. A combined phrase names several (予以公开和部分公开 N 件 is granted + partially granted).

Conservative on purpose: a number is only tied to a phrase in the same clause (no ，。；：between them),
with no other number between them, and never when the words between them make it a part, a change or
an estimate (其中, 维持, 纠正, 比上年增加, 约 …): a missed mention costs nothing, a false one costs trust.

The phrases are those of the national format's tables (国办公开办函〔2021〕30号, 表二 to 表四), of the
narrative format's structured requests (``requests.received`` …) and, given ``labels``, of any other
figure by its label (a narrative report's ``counts.*`` and ``meetings.*``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Mention", "mentions", "parse_number"]


@dataclass(frozen=True)
class Mention:
    start: int  # offset of the typed number in the text
    end: int
    typed: str  # the number as typed: "79", "八十", "1,268"
    value: Decimal  # its value, in the figure's unit (a typed 0.035万元 of a figure in 元 is 350)
    names: tuple[str, ...]  # the reference names it is about; several: their sum
    phrase: str  # the matched phrase, for messages
    alternatives: tuple[tuple[str, ...], ...] = ()  # other readings that are also right (受理 may include 上年结转)


# -- numbers -----------------------------------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "〇零一二两三四五六七八九十百千万"
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


def _chinese_value(text: str) -> int | None:
    """八十 → 80, 一千二百六十八 → 1268, 十五 → 15, 一百零五 → 105, 三万二千 → 32000; None if malformed."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[ch] != 0:
                return None  # 一二 is not a counting numeral
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_number(typed: str) -> Decimal | None:
    """The value of a typed number: 79, 1,268, ７９, 0.5, 八十, 一千二百六十八. None when it is not one."""
    plain = typed.translate(_FULLWIDTH)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", plain):
        try:
            return Decimal(plain.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None
    value = _chinese_value(typed)
    return None if value is None else Decimal(value)


# -- phrases -----------------------------------------------------------------------------------------

_BARRIER = "。；;，,：:！!？?\n{}"  # a clause ends here; {…} is a reference, never a typed number
_GAP = rf"[^{_BARRIER}0-9０-９{_CN}]"
_NUM = rf"(?P<n>[0-9０-９][0-9０-９,，.．]*[0-9０-９]|[0-9０-９]|[{_CN}]+)"
_UNIT = r"(?P<u>万元|元|件次|件|条|起|宗|项|次|个|份|人次|篇|期|场|家|所|人)"
# Words between phrase and number that make the number something else: a part, a change, an estimate.
_NOT_THE_FIGURE = re.compile(
    r"其中|维持|纠正|其他结果|审结|撤销|驳回|确认违法|败诉|胜诉|增加|减少|增长|下降|上升|同比|比上年|较上年|"
    r"占|约|近|超过|以上|以下|不到|平均|人均|每|率|累计|历年|多于|少于|涉及|信息|事项|清单|目录|公示|人员|培训|"
    r"(?<!复议)后|前|第|批|到期"
)
_APPROX_AFTER = re.compile(r"余|多|左右|以上|以下")  # 79余件, 80件左右


@dataclass(frozen=True)
class _Topic:
    phrase: str  # regex of the words naming the figure
    candidates: tuple[tuple[str, ...], ...]  # the first whose names are all known is used
    units: str = "件条起宗项次个份件次"
    alternatives: tuple[tuple[str, ...], ...] = ()
    skip_gap: bool = True  # whether _NOT_THE_FIGURE in the gap rules the number out
    of_requests: bool = False  # an outcome of 政府信息公开申请: not when the sentence counts something else
    not_when: str = ""  # regex: phrase + gap name another thing (受理行政许可申请 is no 政府信息公开申请)


def _apps(row: str) -> tuple[str, ...]:
    return (f"applications.{row}.total",)


_COUNT_UNITS = "件条起宗项个份"
_TOPICS: tuple[_Topic, ...] = (
    _Topic(r"(?:新收|收到|受理|接收|接到)" + _GAP + r"{0,12}?申请", (_apps("new"), ("requests.received",)),
           _COUNT_UNITS, alternatives=(("applications.new.total", "applications.carried_over.total"),
                                       ("requests.received", "requests.carried_over")),
           not_when=r"复议|诉讼|许可|政务服务|审批|低保|救助|补贴|补助|赔偿|仲裁|专利|登记|立案|信访|户籍|落户|入学|"
                    r"资质|执照|证照|办件"),
    _Topic(r"上一?年度?结转|上年度结转|上年转入", (_apps("carried_over"), ("requests.carried_over",)), _COUNT_UNITS, of_requests=True),
    _Topic(r"结转(?:至|到|入)?下一?年度?|转入下一?年度?", (_apps("carried_forward"), ("requests.carried_forward",)),
           _COUNT_UNITS, of_requests=True),
    _Topic(r"办结|答复完毕|办理完毕|处理完毕|作出答复|予以答复|依法答复",
           (_apps("results_total"), ("requests.answered",)), _COUNT_UNITS, of_requests=True),
    _Topic(r"(?:予以|同意)公开(?:和|及|与|、|以及|或|或者)(?:同意|予以)?部分公开",
           (("applications.granted.total", "applications.partially_granted.total"),
            ("requests.granted", "requests.partially_granted")), _COUNT_UNITS, of_requests=True),
    _Topic(r"(?<!不)予以公开|同意公开|全部公开", (_apps("granted"), ("requests.granted",)), _COUNT_UNITS, of_requests=True),
    _Topic(r"(?<![不予以意])部分公开|同意部分公开|予以部分公开",
           (_apps("partially_granted"), ("requests.partially_granted",)), _COUNT_UNITS, of_requests=True),
    _Topic(r"不予公开|不同意公开", (_apps("denied"), ("requests.denied",)), _COUNT_UNITS, of_requests=True),
    _Topic(r"无法提供", (_apps("unable"),), _COUNT_UNITS, of_requests=True),
    _Topic(r"不予处理", (_apps("not_processed"),), _COUNT_UNITS, of_requests=True),
    _Topic(r"其他处理", (_apps("other_handling"), ("requests.other",)), _COUNT_UNITS, of_requests=True),
    _Topic(r"信息不存在|不掌握相关政府信息|本机关不掌握", (_apps("unable.not_held"), ("requests.not_exist",)),
           _COUNT_UNITS, of_requests=True),
    _Topic(r"非本机关职责范围|不属于本机关职责", (("requests.not_our_duty",),), _COUNT_UNITS, of_requests=True),
    _Topic(r"申请内容不明确", (_apps("unable.unclear"), ("requests.unclear",)), _COUNT_UNITS, of_requests=True),
    _Topic(r"重复申请", (_apps("not_processed.repeated"),), _COUNT_UNITS, of_requests=True),
    _Topic(r"信访举报投诉类?申请", (_apps("not_processed.complaints"),), _COUNT_UNITS, of_requests=True),
    _Topic(r"行政复议", (("review_litigation.review.total",), ("requests.review",)), "件起宗"),
    _Topic(r"行政诉讼", (("review_litigation.direct_suit.total", "review_litigation.suit_after_review.total"),
                       ("requests.litigation",)), "件起宗"),
    _Topic(r"未经复议直接(?:提起)?(?:行政)?(?:起诉|诉讼)", (("review_litigation.direct_suit.total",),), "件起宗"),
    _Topic(r"复议后(?:提起)?(?:行政)?(?:起诉|诉讼)", (("review_litigation.suit_after_review.total",),), "件起宗"),
    _Topic(r"信息处理费|(?:依申请公开|政府信息公开)" + _GAP + r"{0,6}?收取?费用?",
           (("processing_fee",), ("requests.fees",)), "元万元"),
    _Topic(r"行政事业性收费", (("active_disclosure.fees",),), "元万元"),
    _Topic(r"(?:作出|办理|实施)?行政许可(?:决定)?", (("active_disclosure.licensing",),), "件",
           not_when="申请"),  # 受理行政许可申请 N 件 counts applications, the table counts decisions
    _Topic(r"(?:作出|办理|实施)?行政处罚(?:决定)?", (("active_disclosure.penalty",),), "件"),
    _Topic(r"(?:作出|办理|实施)?行政强制(?:决定|措施)?", (("active_disclosure.enforcement",),), "件"),
)

# 规章 / 行政规范性文件 with 制发 / 废止 / 现行有效: the kind of document may come first in the sentence
# (行政规范性文件制发3件、废止2件、现行有效45件) or right before the number (现行有效的规章5件).
_RULE_KIND = re.compile(r"规章|(?:行政)?规范性文件")
_RULE_ACTION = re.compile(r"(?:本年)?(?:制发|制定|出台|印发)|(?:本年)?废止|现行有效")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")

_NUMBER = re.compile(_NUM + r"(?P<g>\s?)" + _UNIT)
_AFTER_NEW = re.compile(r"(?:新收|收到|受理|接收|接到)(?:各类)?" + _NUM + _UNIT + r"(?:各类)?(?:政府信息)?(?:公开)?申请")


def _pick(candidates: tuple[tuple[str, ...], ...], known: Mapping[str, str]) -> tuple[str, ...] | None:
    for names in candidates:
        if all(n in known for n in names):
            return names
    return None


def _known_alternatives(alts: tuple[tuple[str, ...], ...], known: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
    return tuple(a for a in alts if all(n in known for n in a))


def _value_in(value: Decimal, typed_unit: str, figure_unit: str) -> Decimal:
    if typed_unit == "万元" and figure_unit == "元":
        return value * 10000
    if typed_unit == "元" and figure_unit == "万元":
        return value / 10000
    return value


def _figure_unit(names: tuple[str, ...]) -> str:
    if names == ("active_disclosure.fees",):
        return "万元"
    if names in (("processing_fee",), ("requests.fees",)):
        return "元"
    return ""


# What else a sentence may count with the same words (办结, 予以公开): 受理群众诉求350件，办结348件 is
# not about 政府信息公开申请 unless 申请 is named after it.
_OTHER_SUBJECT = re.compile(r"诉求|留言|建议|提案|议案|来信|来电|来访|工单|咨询|投诉|举报|信访|案件|案卷|问题|批示|督办")


def _about_something_else(text: str, phrase_start: int) -> bool:
    """Whether the sentence before a phrase names something other than 申请 as what it counts."""
    sentence = text[max((m.end() for m in _SENTENCE_END.finditer(text, 0, phrase_start)), default=0):phrase_start]
    others = list(_OTHER_SUBJECT.finditer(sentence))
    return bool(others) and "申请" not in sentence[others[-1].end():]


def _clause_start(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1] not in _BARRIER:
        i -= 1
    return i


# A label joined to a phrase before it (…和 / 及 / 与 / 、label) with no number in between: a number after
# the label counts the joined phrase, as in 「组织新闻宣传和媒体采访70次」.
_COORDINATED = re.compile(r"^[^0-9０-９]*(?:和|及|与|、)$")


def _before_match(text: str, num_start: int, known: Mapping[str, str], unit: str,
                  labels: Mapping[str, str], units: Mapping[str, str]) -> tuple[tuple[str, ...], int, tuple[tuple[str, ...], ...]] | None:
    """The phrase closest before a number in its clause: the names it gives, where it starts, and
    the other right readings."""
    start = _clause_start(text, num_start)
    clause = text[start:num_start]
    best: tuple[int, int, tuple[str, ...], int, tuple[tuple[str, ...], ...]] | None = None  # (end, length, …)
    for topic in _TOPICS:
        if unit not in topic.units:
            continue
        names = _pick(topic.candidates, known)
        if names is None:
            continue
        for m in re.finditer(topic.phrase, clause):
            gap = clause[m.end():]
            if len(gap) > 12 or re.search(rf"[0-9０-９{_CN}]", gap):
                continue
            if topic.skip_gap and _NOT_THE_FIGURE.search(gap):
                continue
            if topic.not_when and re.search(topic.not_when, m.group(0) + gap):
                continue
            if topic.of_requests and _about_something_else(text, start + m.start()):
                continue
            key = (m.end(), m.end() - m.start())
            if best is None or key > best[:2]:
                best = (*key, names, start + m.start(), _known_alternatives(topic.alternatives, known))
    for name, label in labels.items():
        if name not in known or len(label) < 4 or units.get(name, unit) not in ("", unit):
            continue
        pos = clause.rfind(label)
        if pos < 0:
            continue
        gap = clause[pos + len(label):]
        if len(gap) > 4 or _NOT_THE_FIGURE.search(gap) or re.search(rf"[0-9０-９{_CN}]", gap):
            continue
        if _COORDINATED.search(clause[:pos]):
            continue  # 新闻宣传和媒体采访70次: the number counts both things, not the label's figure alone
        key = (pos + len(label), len(label))
        if best is None or key > best[:2]:
            best = (*key, (name,), start + pos, ())
    if best is None:
        return None
    return best[2], best[3], best[4]


def _rule_match(text: str, num_start: int, known: Mapping[str, str]) -> tuple[tuple[str, ...], int] | None:
    """制发 / 废止 / 现行有效 N 件 of 规章 or 行政规范性文件 named earlier in the sentence."""
    clause_start = _clause_start(text, num_start)
    actions = list(_RULE_ACTION.finditer(text, clause_start, num_start))
    if not actions:
        return None
    action = actions[-1]
    between = text[action.end():num_start]
    kinds_between = list(_RULE_KIND.finditer(between))
    if kinds_between:
        kind = kinds_between[-1].group(0)
        between = between[kinds_between[-1].end():]
    else:
        sentence = max((m.end() for m in _SENTENCE_END.finditer(text, 0, action.start())), default=0)
        kinds = list(_RULE_KIND.finditer(text, sentence, action.start()))
        if not kinds:
            return None
        kind = kinds[-1].group(0)
    if len(between) > 6 or re.search(r"其中|约|近|超过|累计|比上年|较上年|增加|减少", between):
        return None
    row = "regulations" if kind == "规章" else "normative_documents"
    col = {"废止": "repealed", "现行有效": "in_force"}.get(action.group(0).removeprefix("本年"), "issued")
    name = f"active_disclosure.{row}.{col}"
    return ((name,), action.start()) if name in known else None


_BRACKET_AFTER = re.compile(r"\s*[（(]([^（()）]{1,24})[）)]")


def _qualifier(text: str, end: int, known: Mapping[str, str], unit: str) -> tuple[str, ...] | None:
    """The figure a bracket right after a number names (行政诉讼2件（未经复议直接起诉）), if any."""
    m = _BRACKET_AFTER.match(text, end)
    if not m:
        return None
    inner = m.group(1)
    if re.search(rf"[0-9０-９{_CN}]", inner):
        return None  # （含上年结转2件） is a figure of its own, not a narrowing of this one
    for topic in _TOPICS:
        if unit in topic.units and re.search(topic.phrase, inner):
            names = _pick(topic.candidates, known)
            if names is not None:
                return names
    return None


def _inside_reference(text: str, pos: int) -> bool:
    open_ = text.rfind("{", 0, pos)
    return open_ >= 0 and text.rfind("}", 0, pos) < open_


def mentions(text: str, known: Mapping[str, str], labels: Mapping[str, str] | None = None,
             units: Mapping[str, str] | None = None) -> list[Mention]:
    """Every typed number in `text` that is about a known figure, in text order.

    `known` is a facts' references (name → printed value, as ``Facts.references`` /
    ``ReportFormat.references`` give them): a phrase whose figure is not known is ignored.
    `labels` (optional) names more figures by their label (``counts.published`` → 门户网站主动公开政府信息):
    a label immediately followed by a number is a mention of that figure — in the figure's unit, when
    `units` gives one (培训3次 is about a count in 次, 培训200人 is not)."""
    labels, units = labels or {}, units or {}
    found: dict[int, Mention] = {}
    for m in _AFTER_NEW.finditer(text):
        names = _pick(_TOPICS[0].candidates, known)
        value = parse_number(m.group("n"))
        if names and value is not None and m.group("u") in _COUNT_UNITS:
            found[m.start("n")] = Mention(m.start("n"), m.end("n"), m.group("n"), value, names, m.group(0),
                                          _known_alternatives(_TOPICS[0].alternatives, known))
    for m in _NUMBER.finditer(text):
        start = m.start("n")
        if start in found or _inside_reference(text, start):
            continue
        if start > 0 and (text[start - 1] in _CN or text[start - 1].isdigit() or text[start - 1] in ".．"):
            continue  # the tail of a longer number (a date, a decimal) the pattern split
        if _APPROX_AFTER.match(text, m.end()) or re.match(r"\s*[%％]", text[m.end():]):
            continue
        value = parse_number(m.group("n"))
        if value is None:
            continue
        unit = m.group("u")
        hit = _before_match(text, start, known, unit, labels, units)
        if hit is None and unit in _COUNT_UNITS:
            rule = _rule_match(text, start, known)
            if rule is not None:
                hit = (rule[0], rule[1], ())
        if hit is None:
            continue
        names, phrase_start, alternatives = hit
        qualified = _qualifier(text, m.end(), known, unit)
        if qualified is not None:  # 行政诉讼2件（未经复议直接起诉）: the bracket says which figure
            names, alternatives = qualified, ()
        figure_unit = _figure_unit(names)
        if figure_unit and unit not in ("元", "万元"):
            continue
        value = _value_in(value, unit, figure_unit) if figure_unit else value
        found[start] = Mention(start, m.end("n"), m.group("n"), value, names, text[phrase_start:m.end()],
                               alternatives)
    return [found[k] for k in sorted(found)]


def expected(mention: Mention, known: Mapping[str, str]) -> Decimal:
    """The value the figure(s) a mention is about have: the sum of its names' printed values."""
    return sum((Decimal(known[n]) for n in mention.names), Decimal(0))


def agrees(mention: Mention, known: Mapping[str, str]) -> bool:
    """Whether the typed number equals its figure (or one of its other right readings)."""
    if mention.value == expected(mention, known):
        return True
    return any(mention.value == sum((Decimal(known[n]) for n in alt), Decimal(0)) for alt in mention.alternatives)
