"""SERIES: a series typed in text (一是/二是…, 1、2、3、, （1）, ①, （一）) with a gap, a repeat, a wrong
order or a number in another form — in a facts file's paragraphs and points, and in a published
report's text (the facts the import wrote from it).

A run of text is one part's list of paragraphs (overview.management, problems, a subsection's
paragraphs): a list may go on from one paragraph to the next (一是… in one, 二是… in the next) or
restart at its first number. The numbers the program prints (a point's 一是, 1、 with `style`) count
with the typed ones, so that a typed 二是 after the points 一是、二是 is a repeat as printed; a slip is
only ever said at a typed number. A paragraph under the third heading numbered 1、 that begins 4．
is the fourth heading typed into the text in another form (reportgen.model.series does the parsing).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model import prose
from ..model.document import numbering as N
from ..model.document.blocks import document_style
from ..model.series import CIRCLED, Item, Slip, describe, fix, markers, slips
from .rule import WARNING, Check, OnReport, Rule
from .wording import around, plain_with_place

if TYPE_CHECKING:
    import yaml

    from ..model.facts import Facts

RULE = Rule("SERIES", "序号不连续", WARNING,
            "正文里自己写的序号（一是、二是……，1、2、3、，（1），①，（一））不连续、重复、顺序颠倒，或与前面的写法不同（1、2、3、之后写成 4．）。",
            "GB/T 15834—2011《标点符号用法》；GB/T 9704—2012 第 7.3.3 条（结构层次序数）；审核实践：序号缺项、重复是常见的校对错误",
            report=OnReport(wording=plain_with_place))

_PARAGRAPH = re.compile(r"^(?P<list>.*?)\[(?P<i>\d+)\](?:\.(?P<kind>points|inline_points)\[(?P<j>\d+)\]|\.(?P<part>lead|tail))?$")
_UNDER_HEADING = re.compile(r"^(?P<sub>.*\.subsections\[(?P<k>\d+)\])\.paragraphs\[\d+\]$")
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _at(data: Any, path: str) -> Any:
    """The value at a dotted path (overview.management[1]); None when there is none."""
    for name, index in _STEP.findall(path):
        if index and isinstance(data, dict):  # a part written as {heading, paragraphs}: its list
            data = data.get("paragraphs")
        try:
            data = data[int(index)] if index else data.get(name) if isinstance(data, dict) else None
        except (IndexError, KeyError, TypeError):
            return None
        if data is None:
            return None
    return data


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """SERIES: one warning at each typed number that breaks its series (reportgen.model.series.slips)."""
    runs: dict[str, list[Item]] = {}
    units: dict[tuple[str, ...], int] = {}
    found: list[Problem] = []
    for path, node in facts.prose:
        m = _PARAGRAPH.match(path)
        if path.endswith(".heading") or m is None:
            continue
        text = node.value
        typed = markers(text)
        if m["kind"] and typed and typed[0].family != CIRCLED and typed[0].start == len(text) - len(text.lstrip()):
            typed = typed[1:]  # a point that types its own number: HEADNUM says it (it would print twice)
        earlier = {i.marker.family for i in runs.get(m["list"], [])}
        heading = _heading_continued(facts, path, text, typed) if typed and typed[0].family not in earlier else None
        if heading is not None:
            found.append(_problem(facts, heading, path, node))
            typed = typed[1:]
        unit = units.setdefault((m["list"], m["i"], m["j"] if m["kind"] == "points" else ""), len(units))
        run = runs.setdefault(m["list"], [])
        if m["kind"]:
            style = (_at(facts.data, f"{m['list']}[{m['i']}]") or {}).get("style") or N.DEFAULT_POINTS
            if style in N.POINT_STYLES:
                run += [Item(a, unit, auto=True, where=(path, node, None))
                        for a in markers(N.number(style, int(m["j"]) + 1))]
        run += [Item(t, unit, where=(path, node, t.start)) for t in typed]
    for run in runs.values():
        for slip in slips(run):
            path, node, _ = slip.item.where
            found.append(_problem(facts, slip, path, node))
    return found


def _heading_continued(facts: Facts, path: str, text: str, typed: list) -> Slip | None:
    """The fourth heading typed into the text: a paragraph under the k-th heading of a level that
    begins with number k+1 in another form than the level's (4． under 1、 2、 3、), its number the
    first of its kind under that heading (a list 1. 2. 3. of the heading's own is no heading)."""
    m = _UNDER_HEADING.match(path)
    if m is None or not typed or typed[0].start != len(text) - len(text.lstrip()):
        return None
    k = int(m["k"])
    first = typed[0]
    if first.n != k + 2 or first.family == "一是":
        return None
    sub = m["sub"]
    level = sub.count(".subsections[") + (2 if sub.startswith("overview.") else 1)
    style = document_style(facts.data)
    for parent in re.finditer(r"\.subsections\[", sub):
        section = _at(facts.data, sub[:parent.start()])
        if isinstance(section, dict):
            style = style.below(section)
    heading_style = style.headings.get(level)
    if heading_style is None:
        return None
    expected = N.number(heading_style, first.n)
    if expected == first.typed:
        return None
    headings = tuple(N.number(heading_style, n) for n in range(1, k + 2))
    return Slip("style", Item(first, -1, where=(path, None, first.start)), (*headings, first.typed),
                expected=expected, other=headings[-1])


def _printed(text: str, values: dict[str, str]) -> str:
    try:
        return prose.expand(text, values)
    except KeyError:
        return text


def _problem(facts: Facts, slip: Slip, path: str, node: yaml.ScalarNode) -> Problem:
    """The warning of one slip, at its typed number, with the text around it as printed."""
    offset = slip.item.where[2]
    text = node.value
    if offset is None:  # a number the program prints: the point itself
        loc = facts.source_location(node)
        shown = _printed(text[:16], facts.references)
    else:
        loc = facts.source_location(node, text_offset(node, offset))
        before, after = _printed(text[:offset], facts.references), _printed(text[offset:], facts.references)
        shown = around(before + after, len(before))
    return Problem(loc, f"{describe(slip)}（“{shown}”）：{fix(slip)}。", path, "", Severity.WARNING, "SERIES",
                   facts.source.line(loc.line))


CHECK = Check((RULE,), check)
