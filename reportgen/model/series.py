"""Series typed in text: 一是/二是…, 1、2、3、 (1. 1．), （1）（2）, ①②, （一）（二）… and their slips.

A clerk's paragraph often enumerates in its own words: 「……一是充实工作人员……二是开展业务培训……」.
Real reports print such a series with a gap (一是…三是, no 二是), a repeat (一是…二是…二是), a wrong
order (二是 before 一是), or a number in another form (1、2、3、 then 4．). This module finds the
series markers of a text (`markers`) and the slips of a run of them (`slips`); what a run is (one
paragraph, or the paragraphs of one part) and where a slip is in a file is the caller's
(reportgen.checks.series). Pure: no I/O, no YAML.

Conservative by design (a wrong warning costs a reviewer's trust):
- a marker counts only at the start of a text or right after a punctuation mark (。；：，！？), never
  inside quotation marks or 《》 (a quoted document's own 一是 is not the report's series), and an
  Arabic number only when no digit follows (2、3月 is no series);
- a series may restart at its first number (一是…二是。……一是…二是 is two lists), in the same
  paragraph or a new one;
- a single number above the first (a lone 2、 or （3）) is no series, except 二是/三是…, which is
  never used alone;
- 第一、第二 (ordinal words) and 一、 are left out: they are too often plain words or headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .text import chinese_numeral

SHI, ARABIC, PAREN_ARABIC, CIRCLED, PAREN_CHINESE = "一是", "1、", "（1）", "①", "（一）"

_CN = "一二三四五六七八九十"
_BEFORE = r"(?:(?<=^)|(?<=[。；;：:，,！!？?\s]))"
_MARKER = re.compile(
    _BEFORE + r"(?:(?P<shi>[" + _CN + r"]{1,3})是"
    r"|(?P<arabic>[0-9]{1,2})(?P<sep>[、.．])(?![0-9０-９])"
    r"|[（(](?P<parab>[0-9]{1,2})[)）]"
    r"|[（(](?P<parcn>[" + _CN + r"]{1,3})[)）])"
    r"|(?P<circled>[\u2460-\u2473])")
_OPEN, _CLOSE = "“‘《「『〈", "”’》」』〉"


def chinese_value(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; None when it is no counting numeral below 100."""
    if not text or any(ch not in _CN for ch in text):
        return None
    if "十" not in text:
        return _CN.index(text) + 1 if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


@dataclass(frozen=True)
class Marker:
    """One series number as typed in a text: 二是 (family 一是, n 2) or 4． (family 1、, n 4, sep ．)."""

    family: str  # SHI, ARABIC, PAREN_ARABIC, CIRCLED or PAREN_CHINESE
    n: int
    typed: str
    start: int  # offset of its first character in the text
    sep: str = ""  # for ARABIC: the mark after the number, 、 or . (．)


def _quoted(text: str) -> list[bool]:
    """For each character of `text`, whether it is inside quotation marks or 《》."""
    depth, out = 0, []
    for ch in text:
        if ch in _CLOSE and depth:
            depth -= 1
        out.append(depth > 0)
        if ch in _OPEN:
            depth += 1
    return out


def markers(text: str) -> list[Marker]:
    """The series numbers typed in `text`, in order (see the module's rules: place, quotes, digits)."""
    inside = _quoted(text)
    found: list[Marker] = []
    for m in _MARKER.finditer(text):
        if inside[m.start()]:
            continue
        if m["shi"]:
            n, family = chinese_value(m["shi"]), SHI
        elif m["arabic"]:
            n, family = int(m["arabic"]), ARABIC
        elif m["parab"]:
            n, family = int(m["parab"]), PAREN_ARABIC
        elif m["parcn"]:
            n, family = chinese_value(m["parcn"]), PAREN_CHINESE
        else:
            n, family = ord(m["circled"]) - 0x245F, CIRCLED
        if n:
            found.append(Marker(family, n, m.group(), m.start(), "、" if m["sep"] == "、" else ("." if m["sep"] else "")))
    return found


def printed(marker: Marker, n: int) -> str:
    """Number `n` in the form of `marker`: printed(二是, 3) → 三是; printed(4．, 2) → 2．."""
    if marker.family == SHI:
        return chinese_numeral(n) + "是"
    if marker.family == ARABIC:
        return f"{n}{marker.typed[-1]}"
    if marker.family == PAREN_ARABIC:
        return f"（{n}）"
    if marker.family == PAREN_CHINESE:
        return f"（{chinese_numeral(n)}）"
    return chr(0x245F + n) if 1 <= n <= 20 else str(n)


@dataclass(frozen=True)
class Item:
    """A marker in its place: `unit` numbers the printed paragraph it is in (a list may restart in a
    new one); `auto` when the program prints it (a point's 一是), so it is never the slip; `where`
    is the caller's handle (a path and a YAML node …)."""

    marker: Marker
    unit: int
    auto: bool = False
    where: Any = None


@dataclass(frozen=True)
class Slip:
    """One slip of a series: `kind` gap, repeat, order, start (no first number) or style; `item` the
    offending marker; `series` the series as typed up to it (二是 … 二是); `missing` the numbers a
    gap or a start lacks, as the series prints them; `expected` the number it should have been."""

    kind: str
    item: Item
    series: tuple[str, ...]
    missing: tuple[str, ...] = ()
    expected: str = ""
    other: str = field(default="")  # order: the number it precedes; style: the number before it


def slips(items: list[Item]) -> list[Slip]:
    """The slips of the series among `items` (every marker of one run of text, in printed order,
    families mixed): each family's numbers are followed on their own."""
    found: list[Slip] = []
    for family in dict.fromkeys(i.marker.family for i in items):
        found += _family_slips([i for i in items if i.marker.family == family])
    return sorted(found, key=lambda s: items.index(s.item))


def _family_slips(items: list[Item]) -> list[Slip]:
    found: list[Slip] = []
    prev: Item | None = None
    series: list[Item] = []
    misplaced: set[int] = set()  # numbers already said to be out of place (not a gap again)
    for index, item in enumerate(items):
        m = item.marker
        later = [i for i in items[index + 1:] if i.unit == item.unit]
        if m.n in misplaced:
            misplaced.discard(m.n)
            series.append(item)
            continue
        if m.n == 1:
            if prev is not None and prev.marker.n == 1 and prev.unit == item.unit and not item.auto:
                found.append(Slip("repeat", item, _typed(series + [item]), expected=printed(m, 2)))
            prev, series = item, [item]
            continue
        if prev is None:
            series = [item]
            prev = item
            if item.auto:
                continue
            if any(i.marker.n < m.n for i in later):
                first = next(i for i in later if i.marker.n < m.n)
                found.append(Slip("order", item, _typed([item, first]), other=first.marker.typed))
                misplaced.add(m.n)
            elif m.family == SHI or any(i.marker.n == m.n + 1 for i in later):
                found.append(Slip("start", item, (m.typed,), tuple(printed(m, k) for k in range(1, m.n))))
            continue
        series.append(item)
        if item.auto:
            prev = item
            continue
        p = prev.marker.n
        if m.n == p:
            found.append(Slip("repeat", item, _typed(series), expected=printed(m, p + 1)))
        elif m.n < p and any(i.marker.n == m.n for i in series[:-1]):
            found.append(Slip("repeat", item, _typed(series), expected=printed(m, p + 1)))
        elif m.n < p:
            found.append(Slip("order", prev, _typed(series), other=m.typed))
        elif m.n > p + 1:
            gap = [k for k in range(p + 1, m.n) if k not in misplaced]
            if gap and all(any(i.marker.n == k for i in later) for k in gap):
                found.append(Slip("order", item, _typed(series + later[:1]), other=later[0].marker.typed))
                misplaced.update(gap)
            elif gap:
                found.append(Slip("gap", item, _typed(series), tuple(printed(m, k) for k in gap)))
        elif m.family == ARABIC and m.sep != prev.marker.sep:
            found.append(Slip("style", item, _typed(series), expected=printed(prev.marker, m.n),
                              other=prev.marker.typed))
        prev = item
    return found


def _typed(items: list[Item]) -> tuple[str, ...]:
    return tuple(i.marker.typed for i in items)


def quote(series: tuple[str, ...]) -> str:
    """A series as a reviewer reads it: “一是……二是……二是”."""
    return "“" + "……".join(series) + "”"


def describe(slip: Slip) -> str:
    """What is wrong with the series, in Chinese, ending before the fix: 序号不连续：“一是……三是”缺了“二是”."""
    typed = slip.item.marker.typed
    if slip.kind == "gap":
        return f"序号不连续：{quote(slip.series)}缺了{'、'.join(f'“{k}”' for k in slip.missing)}"
    if slip.kind == "start":
        return f"序号不连续：“{typed}”之前没有{'、'.join(f'“{k}”' for k in slip.missing)}"
    if slip.kind == "repeat":
        return f"序号重复：{quote(slip.series)}中“{typed}”出现了两次"
    if slip.kind == "order":
        return f"序号顺序颠倒：{quote(slip.series)}中“{typed}”写在了“{slip.other}”之前"
    return f"编号样式不一：{quote(slip.series)}中“{typed}”与前面的“{slip.other}”写法不同"


def fix(slip: Slip) -> str:
    """The fix of a slip, in Chinese: 请补上缺的一项，或把后面的序号依次改正."""
    if slip.kind in ("gap", "start"):
        return "请补上缺的一项，或把序号依次改正"
    if slip.kind == "repeat":
        return f"后一个应为“{slip.expected}”，请把它和后面的序号依次改正"
    if slip.kind == "order":
        return "请按顺序排列，或改正序号"
    return f"请统一写成“{slip.expected}”"


__all__ = ["ARABIC", "CIRCLED", "Item", "Marker", "PAREN_ARABIC", "PAREN_CHINESE", "SHI", "Slip", "chinese_value",
           "describe", "fix", "markers", "printed", "quote", "slips"]
