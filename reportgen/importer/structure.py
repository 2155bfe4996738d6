"""Report text → structure: the title, the signature and date, headings of every level with their
numbers taken off, and 一是/二是 points. Pure functions over strings.

Numbers are removed only where the facts can compute them again: a run of headings of one style
numbered 1, 2, 3 … under one parent, on their own line or run in (（一）主动公开。全年……); the style
of each level is kept, so the rebuilt report numbers the same way. Numbered paragraphs that are no
headings (1.加强……，……。) are points in that style."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..model.text import chinese_numeral

_CN = "〇零一二三四五六七八九十百"
_POINT = re.compile(rf"^([{_CN}]+)是")


def cn_value(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20 (the numerals headings use); None for anything else."""
    for n in range(1, 100):
        if chinese_numeral(n) == text:
            return n
    return None


# -- title, signature, date -------------------------------------------------------------------------

_TITLE = re.compile(r"^(?P<a>.*?)(?P<y>(?:19|20)\d\d)\s*年(?P<du>度)?(?P<b>.*?)(?:政府信息公开|信息公开|政务公开)(?:工作)?(?:年度)?"
                    r"(?:工作)?报告$")
DATE_ARABIC = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
DATE_CHINESE = re.compile(r"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
DATE_DASHED = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$")


def parse_title(title: str) -> tuple[str, int | None, bool]:
    """(agency, year, is the default title form “{agency}{year}年度政府信息公开工作年度报告”)."""
    m = _TITLE.match(title)
    if not m:
        return "", None, False
    agency = (m.group("a") or m.group("b")).strip()
    default = bool(m.group("a")) and not m.group("b") and title == f"{agency}{m.group('y')}年度政府信息公开工作年度报告"
    return agency, int(m.group("y")), default


def parse_date(text: str) -> tuple[_dt.date, str] | None:
    """(date, "arabic" | "chinese") of a date line such as 2026年1月20日 or 二〇二六年一月二十日."""
    text = text.replace(" ", "")
    for pattern, style in ((DATE_ARABIC, "arabic"), (DATE_DASHED, "arabic")):
        m = pattern.match(text)
        if m:
            try:
                return _dt.date(*(int(g) for g in m.groups())), style
            except ValueError:
                return None
    m = DATE_CHINESE.match(text)
    if m:
        digits = "〇一二三四五六七八九"
        year = int("".join(str(digits.index(ch if ch in digits else "〇")) for ch in m.group(1)))
        month, day = cn_value(m.group(2)), cn_value(m.group(3))
        if month and day:
            try:
                date = _dt.date(year, month, day)
            except ValueError:
                return None
            if any(ch not in digits for ch in m.group(1)):  # a zero typed as ○ or 零: kept for date-zero
                date = PrintedDate(year, month, day)
                date.printed = text
            return date, "chinese"
    return None


class PrintedDate(_dt.date):
    """A date whose printed form the facts file keeps (`printed`, e.g. 二○二四年一月二十日 with ○ for
    〇), so that the check of the report reads it as printed (date-zero); otherwise a date."""

    printed: str = ""


# -- paragraphs and points ---------------------------------------------------------------------------

_BEFORE_POINT = "。；;：:，,！？"
_POINT_PATTERNS = {  # the point styles of reportgen.document.numbering other than 一是, as typed
    "1.": re.compile(r"^(\d{1,2})[.．](?!\d)(.+)$"),
    "1、": re.compile(r"^(\d{1,2})、(.+)$"),
    "（1）": re.compile(r"^[（(](\d{1,2})[)）](.+)$"),
    "（一）": re.compile(rf"^[（(]([{_CN}]+)[)）](.+)$"),
    "第一，": re.compile(rf"^第([{_CN}]+)，(.+)$"),
}
_TAIL = re.compile(r"^(下一步|今后|同时|此外|总之|综上|我们将|将进一步)")


def _point_at(text: str, n: int, start: int) -> int:
    """Where “{n}是” begins at or after `start`, at the paragraph's start or after a punctuation
    mark (so 统一是 is not a point); -1 if nowhere."""
    word = chinese_numeral(n) + "是"
    i = text.find(word, start)
    while i != -1:
        if i == 0 or text[i - 1] in _BEFORE_POINT:
            return i
        i = text.find(word, i + 1)
    return -1


def inline_points(text: str) -> dict[str, Any] | None:
    """A paragraph with 一是……二是…… in it as lead, points and tail; None without two points."""
    starts = []
    i = _point_at(text, 1, 0)
    n = 1
    while i != -1:
        starts.append(i)
        n += 1
        i = _point_at(text, n, i + 2)
    if len(starts) < 2:
        return None
    points = [text[a + len(chinese_numeral(k + 1)) + 1:b] for k, (a, b) in
              enumerate(zip(starts, starts[1:] + [len(text)]))]
    tail = ""
    last = points[-1]
    stop = last.find("。")
    if stop != -1 and stop + 1 < len(last) and _TAIL.match(last[stop + 1:]):
        points[-1], tail = last[:stop + 1], last[stop + 1:]
    if any(not p.strip() for p in points):
        return None
    block: dict[str, Any] = {}
    if starts[0]:
        block["lead"] = text[:starts[0]]
    block["inline_points"] = points
    if tail:
        block["tail"] = tail
    return block


def _numbered_points(items: list[str], i: int) -> tuple[str, list[str]] | None:
    """Consecutive paragraphs numbered 1., 2. … (or 1、 （1） （一） 第一，) from `i`: body text
    numbered by the clerk, which the facts hold as points in that style."""
    for style, pattern in _POINT_PATTERNS.items():
        run: list[str] = []
        while i + len(run) < len(items):
            m = pattern.match(items[i + len(run)])
            value = None if not m else (int(m.group(1)) if m.group(1).isdigit() else cn_value(m.group(1)))
            if value != len(run) + 1 or not m.group(2).strip():
                break
            run.append(m.group(2))
        if len(run) >= 2:
            return style, run
    return None


def paragraphs(items: list[str]) -> list[Any]:
    """Paragraph texts → the facts' paragraphs: consecutive paragraphs starting 一是, 二是 … become
    one `points` block (numbered 1. 2. … or 第一，第二，…: with that `style`); a paragraph with
    一是……二是…… inside becomes `inline_points`."""
    out: list[Any] = []
    i = 0
    while i < len(items):
        numbered = _numbered_points(items, i)
        if numbered:
            style, run = numbered
            out.append({"points": run, "style": style})
            i += len(run)
            continue
        run = []
        while i + len(run) < len(items):
            m = _POINT.match(items[i + len(run)])
            if not m or cn_value(m.group(1)) != len(run) + 1:
                break
            run.append(items[i + len(run)][len(m.group(0)):])
        if len(run) >= 2 and all(p.strip() for p in run):
            out.append({"points": run})
            i += len(run)
            continue
        inline = inline_points(items[i])
        out.append(inline if inline else items[i])
        i += 1
    return out


# -- headings in any numbering style, on their own line or run in -------------------------------------

STYLE_PATTERNS = {  # the numbering styles of reportgen.document.numbering, as typed
    "一、": re.compile(rf"^([{_CN}]+)、\s*(.+)$"),
    "（一）": re.compile(rf"^[（(]([{_CN}]+)[)）]\s*(.+)$"),
    "1.": re.compile(r"^(\d{1,2})[.．](?!\d)\s*(\D.*)$"),
    "1、": re.compile(r"^(\d{1,2})、\s*(\D.*)$"),
    "（1）": re.compile(r"^[（(](\d{1,2})[)）]\s*(\D.*)$"),
}
_RUN_IN_END = re.compile(r"[。：:！？]")


@dataclass
class Head:
    style: str
    number: int
    heading: str
    body: str = ""  # the text run in after the heading ("" for a heading on its own line)


def head_of(text: str, style: str) -> Head | None:
    """The paragraph as a heading numbered in `style`: on its own line (short, no sentence in it) or
    run in (a short head ending in 。 or ：, then its text: （一）主动公开。全年……)."""
    m = STYLE_PATTERNS[style].match(text)
    if not m:
        return None
    number = int(m.group(1)) if m.group(1).isdigit() else cn_value(m.group(1))
    rest = m.group(2).strip()
    if not number or not rest:
        return None
    closed = rest.endswith("。")  # a heading line closed with 。 as some offices type it, but not a sentence
    if len(rest) <= 40 and not re.search(r"[。；;！？]", rest[:-1]) and rest[-1] not in "；;" \
            and not (closed and re.search(r"[，,]", rest)):
        return Head(style, number, rest)
    end = _RUN_IN_END.search(rest)
    if end and 2 <= end.start() <= 30 and "，" not in rest[:end.start()] and rest[end.end():].strip():
        head = rest[:end.start()] if end.group() == "。" else rest[:end.end()]  # the build closes it with 。
        return Head(style, number, head, rest[end.end():].strip())
    return None


@dataclass
class Part:
    """A numbered section as found: its head, the items under it, the parts below it, and the style
    those are numbered in."""

    head: Head
    body: list[Any] = field(default_factory=list)
    children: list[Part] = field(default_factory=list)
    child_style: str = ""


def _number_of(text: str, style: str) -> int | None:
    m = STYLE_PATTERNS[style].match(text)
    if not m:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else cn_value(m.group(1))


def _run(items: list[Any], style: str, whole_line: bool) -> list[int] | None:
    """Indexes of the headings numbered 1, 2, 3 … in `style`; None when a paragraph numbered next in
    that style is no heading (numbered body text: 1.切实抓好……。2.加强……，……。), or there is none."""
    found: list[int] = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or _number_of(item, style) != len(found) + 1:
            continue
        h = head_of(item, style)
        if h is None or (whole_line and h.body):
            return None
        found.append(i)
    return found or None


def parts(items: list[Any], styles: tuple[str, ...], used: tuple[str, ...] = (), depth: int = 3,
          whole_line: bool = False) -> tuple[list[Any], list[Part], str]:
    """Items before the first heading, the parts that a run of headings numbered 1, 2, 3 … in one
    style opens (the first style among `styles`, not used above, whose run is headings only), and
    that style. Deeper levels are found in each part's body, `depth` levels in all."""
    firsts = sorted((i, s) for s in styles if s not in used
                    for i, item in enumerate(items) if isinstance(item, str) and _number_of(item, s) == 1)
    style, run = "", None
    for _, candidate in firsts:
        run = _run(items, candidate, whole_line)
        if run:
            style = candidate
            break
    if not style or not run:
        return list(items), [], ""
    lead = list(items[:run[0]])
    found: list[Part] = []
    for k, start in enumerate(run):
        end = run[k + 1] if k + 1 < len(run) else len(items)
        h = head_of(items[start], style)
        assert h is not None
        found.append(Part(h, ([h.body] if h.body else []) + list(items[start + 1:end])))
    if depth > 1:
        for part in found:
            own = part.body[:1] if part.head.body else []
            rest = part.body[len(own):]
            inner_lead, part.children, part.child_style = parts(rest, styles, used + (style,), depth - 1)
            part.body = own + inner_lead
    return lead, found, style


def number_text(head: Head) -> str:
    """The number of a heading as it printed: （三）, 3., 三、 …"""
    from ..model.document.numbering import number

    return number(head.style, head.number)
