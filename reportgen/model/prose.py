"""Narrative text that refers to facts: ``{agency.short_name}`` or ``{counts.website_items}``.

Each number and name is typed once, in its own field; paragraphs refer to it by name between
braces. ``{{`` and ``}}`` stand for literal braces. Pure: no I/O, no YAML, no docx.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

_REF = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")


@dataclass(frozen=True)
class Reference:
    name: str
    start: int  # offset of "{" in the text


def references(text: str) -> Iterator[Reference]:
    """Every {name} reference of a text, in order, with the offset of its `{` ({{ and }} are literal braces)."""
    for m in _REF.finditer(text):
        if m.group(1) is not None:
            yield Reference(m.group(1).strip(), m.start())


_FULLWIDTH_REF = re.compile(r"｛\s*([A-Za-z_][A-Za-z0-9_.]*)\s*[｝}]|\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*｝")


def stray_braces(text: str) -> list[tuple[int, str]]:
    """Braces that would print as typed where a reference was meant, as (offset, message in Chinese): a
    ``{`` or ``}`` with no other half (``{counts.website条``), and a name between full-width braces
    ``｛counts.website｝`` (a Chinese input method's braces, which are no reference)."""
    found = [(m.start(), f"全角花括号“{text[m.start()]}”不是引用：引用事实要用半角花括号，"
                         f"写成 {{{m.group(1) or m.group(2)}}}（切换到英文输入法再输入）。")
             for m in _FULLWIDTH_REF.finditer(text)]
    rest = _REF.sub(lambda m: "\0" * len(m.group(0)), text)
    for i, ch in enumerate(rest):
        if ch == "{":
            found.append((i, "这个“{”没有对应的“}”：引用事实要写成 {名称}，请补上“}”；如果要印出花括号本身，请写成 {{。"))
        elif ch == "}":
            found.append((i, "这个“}”没有对应的“{”：引用事实要写成 {名称}，请补上“{”；如果要印出花括号本身，请写成 }}。"))
    return sorted(found)


def expand(text: str, values: Mapping[str, str]) -> str:
    """Replace every ``{name}`` by its value. Every name must be known (reportgen.model.facts reports unknown ones first)."""

    def sub(m: re.Match[str]) -> str:
        if m.group(0) == "{{":
            return "{"
        if m.group(0) == "}}":
            return "}"
        return values[m.group(1).strip()]

    return _REF.sub(sub, text)


def unknown_message(name: str, values: Mapping[str, str], guesses: Iterable[str] | None = None) -> str:
    """Message for an unknown {name}: a did-you-mean among `guesses` (default: the names in
    `values`; also names that exist once other mistakes are fixed), then the names in `values`."""
    guess = difflib.get_close_matches(name, list(values if guesses is None else guesses), n=1, cutoff=0.7)
    hint = f"你是不是想写 {{{guess[0]}}}？" if guess else ""
    if not name:
        return "空的引用“{}”：花括号里要写事实的名称；如果要印出花括号本身，请写成 {{ 和 }}。"
    return f"引用了不存在的事实 {{{name}}}。{hint}可以引用的有：" + "、".join(
        "{" + n + "}" for n in list(values)[:40]
    ) + ("等。" if len(values) > 40 else "。")


def _quoted(item: str) -> bool:
    return (item.startswith("《") and item.endswith("》")) or (item.startswith("“") and item.endswith("”"))


def join_list(items: list[str]) -> str:
    """Items of a list in running text, with 、 between them, but none between two items in 《》 or
    “” (GB/T 15834-2011 4.5.3.5: 标有引号或书名号的并列成分之间通常不用顿号): 示例日报、《示例晚报》《示例周刊》."""
    out = ""
    for i, item in enumerate(items):
        if i:
            out += "" if _quoted(items[i - 1]) and _quoted(item) else "、"
        out += item
    return out


def join_titles(items: list[str]) -> str:
    """Titles of documents, each in 《》, without 顿号 between them (GB/T 15834-2011 4.5.3.5): 《甲》《乙》."""
    return join_list([t if t.startswith("《") else f"《{t}》" for t in items])
