"""Sentences of a report's text that say there were none: no 政府信息公开申请 received, no 行政复议, no 行政诉讼.
Pure: no YAML, no docx, no I/O.

A clerk who starts from last year's report keeps its 「全年未收到政府信息公开申请。」 while table 三 now
counts 5 new requests; the report then contradicts itself (条例第五十条: the report's content must be
accurate; 国办公开办函〔2021〕30号 表三“一、本年新收政府信息公开申请数量”, 表四). This module finds such
claims; reportgen.checks.none_said compares them with the tables.

Conservative on purpose, like reportgen.model.relations: a claim is a negation (未/没有/均未/无/从未/尚未)
with its verb, then the thing said to be absent within one clause (split at ，,。；;！？ and new lines):

- requests: 收到/受理/接到/接收 + at most 15 characters + 政府信息公开申请 / 信息公开申请 / 依申请公开 (or 申请
  right after the verb: 全年未收到申请), nothing about a review, a suit, a complaint, a fee between, and no
  word that makes it a kind of request only (其他, 以外, 网上, 邮寄 …: 未收到其他政府信息公开申请 says
  nothing of the rest);
- review / litigation: 发生/出现/收到/接到/涉及/产生/受理 (or 未被申请/未被提起, or 无 right before) + at most
  20 characters + 行政复议/复议 and/or 行政诉讼/诉讼; never 未经复议 (「提起行政诉讼2件（未经复议直接起诉）」), and
  not a clause about their outcome (未发生行政复议被纠错, 败诉, 追责).

Left out: a clause about last year (上年/去年/上一年度/同比 or last year's number, `about_last_year`), words
within quotation marks (a quoted sentence is not the agency's statement), a sentence of plans (下一步, 力争,
确保, 避免 …: 「力争不发生行政诉讼」), a condition (如未收到…). A missed claim costs little, a false one
costs trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .relations import about_last_year

__all__ = ["Claim", "claims", "REQUESTS", "REVIEW", "LITIGATION"]

REQUESTS, REVIEW, LITIGATION = "requests", "review", "litigation"

_CLAUSE_END = re.compile(r"[，,。；;！？!?\n]")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_NEGATION = r"(?:均未|从未|尚未|并未|未|没有)"

# 未收到 … 政府信息公开申请
_REQUEST = re.compile(
    _NEGATION + r"(?P<verb>收到|受理|接到|接收)(?:过)?"
    r"(?P<between>[^，,。；;！？!?\n]{0,15}?)"
    r"(?P<what>政府信息公开申请|信息公开申请|政府信息申请|依申请公开|申请)"
    r"(?!人|书|表|材料|件数|答复|回复|的答复|的回复)")
_NOT_ALL_REQUESTS = re.compile(
    r"复议|诉讼|投诉|举报|费|其他(?!组织)|其它(?!组织)|其余|以外|之外|除|方式|渠道|网上|线上|网络|邮寄|信函|当面|现场|传真|邮件"
    r"|平台|秘密|隐私|延期|补正|重复|个人信息|第三方|涉密|告知")
_BARE_REQUEST_BEFORE = ("", "任何", "有关", "相关", "任何的", "有关的", "相关的")  # 全年未收到（任何）申请
_AFTER_REQUEST = re.compile(r"^(?:的|方面的|相关的)?(?:答复|回复|投诉|举报|复议|诉讼|费|处理费|延期|补正)"
                            r"|^(?:而)?(?:引起|引发|产生|导致|相关|有关|方面)")  # 未收到因…申请引起的投诉: a cause
_CAUSE_BEFORE = re.compile(r"(?:因|由于|就|针对|对|关于)$")

# 未发生 … 行政复议 / 行政诉讼; 未被申请行政复议; 无因政府信息公开引起的行政复议
_REVIEW_VERBS = (_NEGATION + r"(?:发生|出现|收到|接到|涉及|产生|受理|被申请|被提起|被起诉)(?:过)?"
                 r"|(?<![^，,。；;！？!?\n全年度内均也并])无(?=行政|复议|诉讼|因)")
_CASE = re.compile(r"(?:行政)?(?P<kind>复议|诉讼)")
_OUTCOME_AFTER = re.compile(r"纠错|纠正|败诉|撤销|确认违法|改变|变更|追责|追究|责任|被诉|赔偿|结果|案件办理|审理|决定|机关|机构")
_REVIEW = re.compile(r"(?:" + _REVIEW_VERBS + r")(?P<between>[^，,。；;！？!?\n]{0,20}?)(?:行政)?(?:复议|诉讼)")

_PLANS = re.compile(r"下一步|下一年|今后|明年|力争|确保|争取|避免|防止|杜绝|努力|将进一步|目标")
_CONDITION = re.compile(r"(?:如|若|如果|倘若|一旦|凡|对|对于)$")
_LAST_YEAR = re.compile(r"上一?年度?(?!度?(?:结转|转入))|去年|同比")
_QUOTES = (("“", "”"), ("「", "」"), ("《", "》"), ("『", "』"), ('"', '"'))


@dataclass(frozen=True)
class Claim:
    """A clause saying there were none of something: 「全年未收到政府信息公开申请」 at text[start:end]."""

    start: int  # of the negation word
    end: int
    typed: str  # the words, for messages: 未收到政府信息公开申请
    about: str  # REQUESTS, REVIEW or LITIGATION


def _clause(text: str, at: int) -> tuple[int, int]:
    """The [start, end) of the clause around offset `at`."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, at)), default=0)
    end = _CLAUSE_END.search(text, at)
    return start, end.start() if end else len(text)


def _sentence_start(text: str, at: int) -> int:
    return max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)


def _quoted(text: str, at: int) -> bool:
    """Whether offset `at` is inside quotation marks (an open mark before it not closed before it)."""
    for open_, close in _QUOTES:
        before = text[:at]
        if open_ == close:
            if before.count(open_) % 2:
                return True
        elif before.rfind(open_) > before.rfind(close):
            return True
    return False


def _left_out(text: str, start: int, year: int | None) -> bool:
    """A claim at `start` that is not this year's statement: last year's, quoted, planned or conditional."""
    c_start, c_end = _clause(text, start)
    clause = text[c_start:c_end]
    if _LAST_YEAR.search(clause) or about_last_year(text, start, year):
        return True
    if year is not None and re.search(rf"{year - 1}年", clause):
        return True
    if _quoted(text, start) or _CONDITION.search(text[c_start:start]):
        return True
    return bool(_PLANS.search(text[_sentence_start(text, start):start]))


def _requests(text: str, year: int | None) -> list[Claim]:
    out = []
    for m in _REQUEST.finditer(text):
        if _NOT_ALL_REQUESTS.search(m.group("between")) or _AFTER_REQUEST.match(text[m.end():]):
            continue
        if _CAUSE_BEFORE.search(m.group("between")):
            continue
        if m.group("what") == "申请" and m.group("between").strip() not in _BARE_REQUEST_BEFORE:
            continue  # 未收到补正后的申请: bare 申请 only right after the verb
        if _left_out(text, m.start(), year):
            continue
        out.append(Claim(m.start(), m.end(), m.group(0), REQUESTS))
    return out


def _cases(text: str, year: int | None) -> list[Claim]:
    out = []
    for m in _REVIEW.finditer(text):
        c_start, c_end = _clause(text, m.start())
        rest = text[m.start():c_end]
        # the absent things: every 复议/诉讼 of the clause from the claim on, not one after 未经 (未经复议直接起诉)
        kinds = {k.group("kind") for k in _CASE.finditer(rest)
                 if not re.search(r"未?经过?$|直接$", rest[:k.start()])}
        tail = text[m.end():c_end]
        if not kinds or _OUTCOME_AFTER.search(tail) or _left_out(text, m.start(), year):
            continue
        typed = rest.rstrip()
        if "复议" in kinds:
            out.append(Claim(m.start(), c_end, typed, REVIEW))
        if "诉讼" in kinds:
            out.append(Claim(m.start(), c_end, typed, LITIGATION))
    return out


def claims(text: str, year: int | None = None) -> list[Claim]:
    """Every clause of `text` that says there were no 政府信息公开申请 (REQUESTS), no 行政复议 (REVIEW) or no
    行政诉讼 (LITIGATION) this year (`year`: the report's, to tell 2024年未收到… in a 2025 report for
    last year's); a clause naming both a review and a suit gives two claims at the same place."""
    order = (REQUESTS, REVIEW, LITIGATION)
    return sorted(_requests(text, year) + _cases(text, year), key=lambda c: (c.start, order.index(c.about)))
