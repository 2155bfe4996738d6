"""LOCALPART, LOCALLENGTH, LOCALFIGURE, LOCALDEADLINE: the rules a local 政务公开 office adds for its
agencies (a rules file, reportgen.model.local_rules, given with `--rules` or named in the facts file
with `local_rules:`). Each finding quotes the rules file's own `source:` (the notice's name and number)
as its 依据. Without a rules file these checks find nothing.

- LOCALPART: a sub-head of 一、总体情况 the notice requires is missing, or its heading lacks the notice's wording.
- LOCALLENGTH: 一、总体情况 is longer than the notice allows (characters of its text, spaces and sub-heads not
  counted: notices say 篇幅原则上不超过一千字).
- LOCALFIGURE: a figure the notice requires of a part is not stated there (no clause holding one of its words
  and a number), or is stated with a number other than the table's (`equals:`).
- LOCALDEADLINE: signed after the notice's deadline (earlier than the law's, 条例第四十九条)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.document.blocks import text_of
from .rule import PUBLICATION, WARNING, Check, OnReport, Rule
from .tables import NATIONAL

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts
    from ..model.local_rules import LocalRules

_SOURCE = "本地规则文件的 source:（当地政务公开办公室通知的名称和文号）"
LOCALPART = Rule("LOCALPART", "缺少本地规则要求的小节", WARNING,
                 "给了本地规则文件时：“一、总体情况”缺少规则要求的小节，或小节标题没有规则要求的用语。", _SOURCE,
                 report=OnReport())
LOCALLENGTH = Rule("LOCALLENGTH", "总体情况超过本地规则的字数", WARNING,
                   "给了本地规则文件时：“一、总体情况”的正文字数（不计空格和小节标题）超过规则的上限。", _SOURCE,
                   report=OnReport())
LOCALFIGURE = Rule("LOCALFIGURE", "缺少本地规则要求的数字", WARNING,
                   "给了本地规则文件时：总体情况的某一小节没有写明规则要求的数字（没有一句话同时有规则的关键词和数字），"
                   "或写的数字与表格不同。", _SOURCE, report=OnReport())
LOCALDEADLINE = Rule("LOCALDEADLINE", "晚于本地规则的公布期限", WARNING,
                     "给了本地规则文件时：成文日期晚于规则规定的公布期限（比法定期限早）。", _SOURCE,
                     report=OnReport(PUBLICATION))

_PIECE = re.compile(r"[^，,；;。！？、：:\n]+")
_NUMBER = re.compile(r"[0-9０-９][0-9０-９,，.．]*|[〇零一二两三四五六七八九十百千万]+(?=[件条次个篇期项家场])")
_SPACE = re.compile(r"\s+")


def _texts(facts: Facts, path: str) -> list[tuple[str, str]]:
    """(field path, printed text) of every text under `path` (its sub-heads too)."""
    out = []
    for where, node in facts.prose:
        if where == path or where.startswith((path + ".", path + "[")):
            try:
                out.append((where, text_of(node.value, facts.references)))
            except KeyError:  # an unknown {name}: reported as an error of its own
                continue
    return out


def _body(texts: list[tuple[str, str]]) -> list[str]:
    return [text for where, text in texts if not where.endswith("heading")]


def numbers(text: str) -> list[str]:
    """The numbers a text states, as typed (1,268 → 1268; Chinese numerals kept as written)."""
    return [n.translate(str.maketrans("０１２３４５６７８９，．", "0123456789,.")).replace(",", "").rstrip(".")
            for n in _NUMBER.findall(text)]


def _cite(rules: LocalRules) -> str:
    return f"依据：{rules.source}（本地规则文件 {rules.path}）"


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """Every finding of the local rules on `facts` (none when no rules file was given)."""
    rules: LocalRules | None = getattr(facts, "local_rules", None)
    if rules is None:
        return []
    overview = facts.data.get("overview") or {}
    found = []
    for part in rules.parts:
        found += _part(facts, rules, part, overview)
    if rules.max_chars:
        found += _length(facts, rules)
    if rules.deadline:
        found += _deadline(facts, rules)
    return found


def _part(facts: Facts, rules: LocalRules, part, overview: dict) -> list[Problem]:  # type: ignore[no-untyped-def]
    path = f"overview.{part.key}"
    if overview.get(part.key) is None:
        wanted = f"，写明{'、'.join(f.name for f in part.figures)}" if part.figures else ""
        return [facts.problem("overview", f"缺少本地规则要求的小节（LOCALPART）：“一、总体情况”没有“{part.heading or part.label}”"
                              f"小节（{part.key}）：请按规则加上这一小节{wanted}。{_cite(rules)}",
                              code="LOCALPART", severity=Severity.WARNING)]
    found = []
    texts = _texts(facts, path)
    heading = next((text for where, text in texts if where == path + ".heading"), part.label)
    if part.heading and part.heading not in _SPACE.sub("", heading):
        found.append(facts.problem(path + ".heading" if heading != part.label else path,
                                   f"缺少本地规则要求的小节（LOCALPART）：小节标题“{heading}”没有规则要求的用语“{part.heading}”："
                                   f"请把标题改为含有“{part.heading}”（如“{part.heading}”）。{_cite(rules)}",
                                   code="LOCALPART", severity=Severity.WARNING))
    pieces = [p for text in _body(texts) for p in _PIECE.findall(text)]
    for figure in part.figures:
        said = [p for p in pieces if any(w in p for w in figure.words) and numbers(p)]
        if not said:
            found.append(facts.problem(path, f"缺少本地规则要求的数字（LOCALFIGURE）：“{heading}”小节没有写明{figure.name}"
                                       f"（没有一句话同时含有“{'”或“'.join(figure.words)}”和数字）：请写明这个数字"
                                       f"（没有的写 0）。{_cite(rules)}", code="LOCALFIGURE", severity=Severity.WARNING))
            continue
        value = facts.references.get(figure.equals) if figure.equals else None
        if value is not None and not any(value in numbers(p) for p in said):
            typed = "、".join(dict.fromkeys(n for p in said for n in numbers(p)))
            found.append(facts.problem(path, f"缺少本地规则要求的数字（LOCALFIGURE）：“{heading}”小节写的{figure.name}"
                                       f"（“{said[0].strip()}”：{typed}）与表格中的 {value} 不同：规则要求与表格一致，"
                                       f"请核对。{_cite(rules)}", code="LOCALFIGURE", severity=Severity.WARNING))
    return found


def _length(facts: Facts, rules: LocalRules) -> list[Problem]:
    chars = sum(len(_SPACE.sub("", text)) for text in _body(_texts(facts, "overview")))
    if chars <= rules.max_chars:  # type: ignore[operator]
        return []
    return [facts.problem("overview", f"总体情况超过本地规则的字数（LOCALLENGTH）：“一、总体情况”正文 {chars} 字"
                          f"（不计空格和小节标题），规则要求不超过 {rules.max_chars} 字：请精简到 {rules.max_chars} 字以内。"
                          f"{_cite(rules)}", code="LOCALLENGTH", severity=Severity.WARNING)]


def _deadline(facts: Facts, rules: LocalRules) -> list[Problem]:
    signed, year = facts.data.get("signed"), facts.data.get("year")
    if not isinstance(signed, _dt.date) or not isinstance(year, int):
        return []
    month, day = rules.deadline  # type: ignore[misc]
    due = _dt.date(year + 1, month, day)
    if signed <= due:
        return []
    return [facts.problem("signed", f"晚于本地规则的公布期限（LOCALDEADLINE）：成文日期 {signed.isoformat()} 晚于规则规定的"
                          f" {due.year}年{due.month}月{due.day}日：请确认日期，并尽快公布。{_cite(rules)}",
                          code="LOCALDEADLINE", severity=Severity.WARNING)]


CHECK = Check((LOCALPART, LOCALLENGTH, LOCALFIGURE, LOCALDEADLINE), check, formats=NATIONAL)
