"""Years typed in a facts file's text: where next year's file, made by `reportgen new`, still names
last year as a year (2023年, ２０２３年度, 二〇二三年).

`new` moves `year`, `signed` and a custom title on by one year, but never rewrites a year typed in a
paragraph: “2023年，区统计局……” may be the report's own year (next year it should read 2024年, best
written `{year}年`, which moves by itself) or a year that stays (自2023年起施行). Only the clerk
knows, so `new` says where each one is (`typed_year_message`), and leaves the text as it was.
A year inside a document number (国办发〔2023〕5号) or a date range that does not end in 年 is not a
year of the report and is not listed. How a year is typed is reportgen.model.year_forms's (shared with
the check OLDYEAR, which warns at every check where a text writes last year as the report's own).
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from ..model.year_forms import next_year_as_typed, report_year_places, year_pattern

__all__ = ["next_year_as_typed", "report_year_places", "typed_year_message", "typed_years", "year_pattern"]


def typed_years(root: yaml.Node, text: str, year: int,
                skip: frozenset[str] = frozenset()) -> Iterator[tuple[int, str, str, int]]:
    """(index in `text` of the first place, field path, the year as typed there, how many places) for
    each text value of the tree `root` (composed from `text`) that names `year` as a year. Keys,
    numbers, dates and the top-level keys in `skip` are not read; an alias is read once, where its
    anchor is."""
    pattern = year_pattern(year)
    seen: set[int] = set()

    def walk(node: yaml.Node, path: str) -> Iterator[tuple[int, str, str, int]]:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                if path or name not in skip:
                    yield from walk(value, f"{path}.{name}" if path else name)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                yield from walk(item, f"{path}[{i}]")
        elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
            found = list(pattern.finditer(text, node.start_mark.index, node.end_mark.index))
            if found:
                yield found[0].start(), path, found[0].group(0), len(found)

    yield from walk(root, "")


def typed_year_message(typed: str, year: int, places: int = 1, *, opens_plain: bool = False) -> str:
    """The warning `new` gives at a text that names last year (`year`, typed as `typed`) in `places`
    places (Chinese): what is there, and the two choices. `opens_plain`: the year opens a text
    without quotes (`- 2025年，…`), which {year} there would turn into a YAML mapping: the advice
    then shows the quotes."""
    instead = next_year_as_typed(typed, year)
    prints = f"（会印成“{year + 1}年”，以后每年自动更新）" if instead == "{year}" else ""
    if prints and opens_plain:
        prints += '，以 { 开头的一段文字要用英文双引号括起来，例如 - "{year}年，……"'
    where = f"有 {places} 处写着上年的年度“{typed}年”（这里是第一处）" if places > 1 else f"写着上年的年度“{typed}年”"
    return (f"这段文字{where}，生成 {year + 1} 年度的文件时没有改动。"
            f"如果指的是报告年度，请改为“{instead}年”{prints}；如果确指 {year} 年，保留即可。")
