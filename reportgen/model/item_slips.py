"""An indentation slip inside a list, said with the key the line belongs under (issue 22).

model.indent_slips places a key among the keys open above it; a list breaks that chain, and YAML's
words are then only 缩进不一致. Two slips are common in the lists of a facts file:

- a list item (`- `) pulled left of the items above it (to column 1, or one space short), or the
  first item of a list typed no deeper than its key: 它是 documents（第15行）下面的一项，应与上一行的
  “- ”对齐（缩进 2 个空格），这里顶格写了。
- a key of an item (`tail:` of an item that starts `- inline_points:`) indented more or less than
  the item's first key: 它属于第110行开始的那一项（problems 的第2项），应与第110行的 inline_points
  对齐（缩进 4 个空格）.

The lines are read from the text; the schema only says that the two keys of an item go together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..load.source import Source
from .containers import ListOf, MapOf, OneOf, Record
from .schema import Field

_ITEM = re.compile(r"^( *)-(?:[ ]|$)")
_OPENER = re.compile(r"^( *)-[ ]+([a-z_][a-z0-9_]*)[ ]*:(?:\s|$)")  # `  - inline_points:`
_KEY = re.compile(r"^( *)(?:-[ ]+)?([a-z_][a-z0-9_]*)[ ]*:(?:\s|$)")
_EMPTY_KEY = re.compile(r"^( *)([a-z_][a-z0-9_]*)[ ]*:[ ]*(?:#.*)?$")  # `  oversight:` (a block below)


def _content(source: Source, above: int) -> Iterator[tuple[int, str, int]]:
    """(line number, text, indentation) of the lines above line `above` that hold something, nearest first."""
    for n in range(above - 1, 0, -1):
        text = source.line(n)
        if text.strip() and not text.lstrip().startswith("#"):
            yield n, text, len(text) - len(text.lstrip(" "))


def _now(indent: int) -> str:
    return f"这里缩进了 {indent} 个空格" if indent else "这里顶格写了"


def _records(field: Field | None, seen: set[int] | None = None) -> Iterator[Record]:
    """Every record reachable from `field` (through lists, maps and the records of a OneOf)."""
    seen = set() if seen is None else seen
    if field is None or id(field) in seen:
        return
    seen.add(id(field))
    if isinstance(field, Record):
        yield field
        for sub in field.fields.values():
            yield from _records(sub, seen)
    elif isinstance(field, (ListOf, MapOf)):
        yield from _records(field.item, seen)
    elif isinstance(field, OneOf):
        for record in field.records.values():
            yield from _records(record, seen)


def _item_line(source: Source, line_no: int, indent: int) -> tuple[int, str] | None:
    """A `- ` line at `indent` pulled left of its list: (column, message), or None."""
    lines = _content(source, line_no)
    first = next(lines, None)
    if first is None:
        return None
    n, text, ind = first
    m = _EMPTY_KEY.match(text)
    if m and ind >= indent:  # the first item of the list opened on the line above
        want = ind + 2
        return indent + 1, (f"这一项“- ”的缩进不对：它是 {m.group(2)}（第{n}行）下面的第一项，应比 {m.group(2)} 多缩进 2 个空格"
                            f"（缩进 {want} 个空格），{_now(indent)}。")
    column = sibling = None
    for n, text, ind in [first, *lines]:
        if column is None:
            if _ITEM.match(text) and ind > indent:
                column, sibling = ind, n
            elif ind <= indent:
                return None
            continue
        if ind >= column:
            continue
        parent = _KEY.match(text)
        if parent is None:
            return None
        where = "上一行" if sibling == line_no - 1 else f"第{sibling}行"
        return indent + 1, (f"这一项“- ”的缩进不对：它是 {parent.group(2)}（第{n}行）下面的一项，应与{where}的“- ”对齐"
                            f"（缩进 {column} 个空格），{_now(indent)}。")
    return None


def _key_of_item(source: Source, line_no: int, indent: int, key: str, schemas: list[Record]) -> tuple[int, str] | None:
    """A key of a list item indented unlike the item's first key: (column, message), or None."""
    for n, text, ind in _content(source, line_no):
        if ind >= indent and not _OPENER.match(text):
            continue
        opener = _OPENER.match(text)
        if opener is None or opener.start(2) == indent:
            return None
        first, column = opener.group(2), opener.start(2)
        if not any(first in r.fields and key in r.fields for s in schemas for r in _records(s)):
            return None
        parent, number = "", 1
        for _, above, a_ind in _content(source, n):
            if a_ind < ind:
                m = _KEY.match(above)
                parent = m.group(2) if m else ""
                break
            number += a_ind == ind and _ITEM.match(above) is not None
        of = f"（{parent} 的第{number}项）" if parent else ""
        return indent + 1, (f"{key} 的缩进不对：它属于第{n}行开始的那一项{of}，应与第{n}行的 {first} 对齐"
                            f"（缩进 {column} 个空格），{_now(indent)}。")
    return None


def item_slip(source: Source, line_no: int, schemas: Iterable[Record]) -> tuple[int, str] | None:
    """For a line YAML found wrongly indented (line `line_no`): (column, message) naming the list
    or the item it belongs to and how far to indent it, when it is a list item pulled left of the
    items above it (or a first item no deeper than its key), or a key of a list item indented
    unlike the item's first key (`schemas` say the two keys belong to one record). None otherwise."""
    text = source.line(line_no)
    item = _ITEM.match(text)
    if item:
        return _item_line(source, line_no, len(item.group(1)))
    key = _KEY.match(text)
    if key and not text.lstrip().startswith("-"):
        return _key_of_item(source, line_no, len(key.group(1)), key.group(2), list(schemas))
    return None
