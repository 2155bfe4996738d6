"""LOSTITEM and HEADNUM: the shape of the facts file's text itself (not its facts), as YAML and the
numbering make it — a list item that lost its `- `, a heading that types its own number.

A line meant as a new item but typed without its `- ` (or with the `- ` indented under the item
above) is folded by YAML into the paragraph above: 「……工作机制。 - 二是……」. The paragraph
then holds a `- ` in its middle; this names the place. A heading or point typed with its own number
(一、 （一） 1. 一是) would print two numbers, since the program numbers them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import yaml

from ..errors import Location, Problem, Severity
from ..load.positions import text_offset
from .rule import ERROR, WARNING, Check, Rule

if TYPE_CHECKING:
    from ..model.facts import Facts

_DASH_LINE = re.compile(r"\n([ \t]*)- (?=\S)")


_SOURCE = "reportgen 事实文件的写法（用户指南“段落的写法”）"
LOSTITEM = Rule("LOSTITEM", "一项被并进了上一段", WARNING,
                "以“- ”开头的一行被并进了上一段（它的“- ”缩进多了，或上一项没有结束）。", _SOURCE)
HEADNUM = Rule("HEADNUM", "自己写了编号", ERROR,
               "标题或要点开头自己写了编号（一、（一）1. 一是……）：编号由程序生成，会印出两个。", _SOURCE)


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """LOSTITEM (on every paragraph and every item of a list of text) then HEADNUM (on every text)."""
    texts = [*facts.prose, *list_texts(facts.source.root)]
    paragraphs = {id(node) for _, node in facts.prose}
    return [*lost_items(texts, facts.source_location, facts.source.line, paragraphs),
            *typed_heading_numbers(facts.prose, facts.source_location, facts.source.line)]


def list_texts(root: yaml.Node | None, path: str = "") -> list[tuple[str, yaml.ScalarNode]]:
    """(path, node) of every text item of every list in the tree under `root` (documents, channels'
    columns, media …), which facts.prose (the paragraphs) does not hold; paths as `documents[1]`."""
    found: list[tuple[str, yaml.ScalarNode]] = []
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            found += list_texts(value, f"{path}.{key.value}" if path else str(key.value))
    elif isinstance(root, yaml.SequenceNode):
        for i, item in enumerate(root.value):
            if isinstance(item, yaml.ScalarNode):
                found.append((f"{path}[{i}]", item))
            else:
                found += list_texts(item, f"{path}[{i}]")
    return found


def lost_items(prose: Iterable[tuple[str, yaml.ScalarNode]], location, source_line,
               paragraphs: set[int] | None = None) -> list[Problem]:
    """One warning per text whose source has a line starting with `- ` after its first line.
    `location(node, offset)` gives the Location of a character of the node's source text;
    `source_line(n)` the text of line n; `paragraphs` the ids of the nodes that are paragraphs
    (merged into 上一段), the others being items of a list (merged into 上一项); None: all paragraphs."""
    found: list[Problem] = []
    seen: set[int] = set()
    for path, node in prose:
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.style in ("'", '"'):
            continue  # quoted: the clerk chose this text character by character
        buffer = node.start_mark.buffer
        if buffer is None:
            continue
        raw = buffer[node.start_mark.pointer:node.end_mark.pointer]
        m = _DASH_LINE.search(raw)
        if not m:
            continue
        loc: Location = location(node, m.start() + 1 + len(m.group(1)))
        merged = "上一段" if paragraphs is None or id(node) in paragraphs else "上一项，报告里会把两项印成一项"
        found.append(Problem(
            loc, f"这一行以“- ”开头，却被并进了{merged}（“- ”前的缩进比上一项多，或上一项没有结束）：如果它是新的一项，"
            "请让“- ”与上一项的“- ”对齐；如果确是正文，请去掉“- ”。", path, "", Severity.WARNING, "LOSTITEM",
            source_line(loc.line)))
    return found


# A heading's own number typed in (copied from last year's Word file): 一、 （一） (一) 1. 1、 （1）.
_TYPED_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[0-9０-９]+[、.．](?![0-9０-９])"
                           r"|[（(][0-9０-９]+[)）])")
# A point's own number: the heading numbers, and 一是 / 第一，.
_TYPED_POINT = re.compile(_TYPED_NUMBER.pattern + r"|^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、])")
_POINT_PATH = re.compile(r"\.(?:inline_)?points\[\d+\]$")


def typed_heading_numbers(prose: Iterable[tuple[str, yaml.ScalarNode]], location, source_line) -> list[Problem]:
    """One error per heading (a path ending in `.heading`) or point (`.points[i]`, `.inline_points[i]`) that
    starts with a number of its own: the program numbers them, so it would print twice (一、一、主动公开,
    一是一是加强领导). `location`, `source_line` as for lost_items."""
    found: list[Problem] = []
    for path, node in prose:
        point = bool(_POINT_PATH.search(path))
        if not (point or path.endswith(".heading")):
            continue
        m = (_TYPED_POINT if point else _TYPED_NUMBER).match(node.value)
        if not m:
            continue
        typed = m.group().strip()
        loc: Location = location(node, text_offset(node, m.start() + len(m.group()) - len(m.group().lstrip())))
        found.append(Problem(
            loc, f"{'要点' if point else '标题'}开头写了编号“{typed}”：编号由程序自动生成，这里再写就会印出两个编号。请删去“{typed}”"
            "（编号样式可用 numbering 设定）。", path, "", Severity.ERROR, "HEADNUM", source_line(loc.line)))
    return found


__all__ = ["CHECK", "list_texts", "lost_items", "typed_heading_numbers"]

CHECK = Check((LOSTITEM, HEADNUM), check)
