"""Derive: the document model's facts → the blocks a template prints. Pure.

A block is a dict: {"kind": "h1" … "h4", "text"} a heading paragraph (h3b, h4b: bold), whose kind is the rank of
its numbering style (（一） prints in 楷体 as h2 whatever its level); {"kind": "p", "text"} body
text; {"kind": "r1" … "r4", "head", "text"} a run-in heading and the text after it in one
paragraph (the head in the heading's font, the text in body style).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import prose
from ..text import tidy_prose
from . import numbering as N

_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n\s*")
_ENDS_SENTENCE = tuple("。：；！？:;!?")


def text_of(raw: str, values: dict[str, str]) -> str:
    """A raw text as printed: its {references} filled in from `values` (KeyError for an unknown
    one; load_facts reports those first) and tidied (reportgen.model.text.tidy_prose)."""
    return tidy_prose(prose.expand(raw, values))


def split_paragraphs(raw: str) -> list[str]:
    """A text with blank lines in it (a `|` block) is several paragraphs, as in Markdown."""
    return [part for part in _BLANK_LINE.split(raw) if part.strip()]


@dataclass
class Style:
    """How headings are numbered and laid out below some point of the document."""

    headings: dict[int, str] = field(default_factory=lambda: dict(N.DEFAULT_HEADINGS))
    run_in: frozenset[int] = frozenset()
    bold: frozenset[int] = frozenset()  # ranks printed bold (3: 1. and 1、)

    def below(self, section: dict[str, Any]) -> Style:
        return Style(N.levels(self.headings, section.get("numbering")), self.run_in, self.bold)


def document_style(data: dict[str, Any]) -> Style:
    """The Style of the whole document from a facts file's `numbering`, `run_in` and `bold_headings`."""
    return Style(N.levels(dict(N.DEFAULT_HEADINGS), data.get("numbering")), frozenset(data.get("run_in") or ()),
                 frozenset(data.get("bold_headings") or ()))


def paragraph_blocks(paragraphs: list[Any], values: dict[str, str]) -> list[dict[str, str]]:
    """Body blocks ({"kind": "p", "text"}) of validated paragraphs (fields.paragraph_field: a text, which a
    blank line splits; {points, style}: one block per point; {lead, inline_points, tail, style}: one block),
    with `values` ({name} → printed text) filled in and points numbered (numbering.number)."""
    blocks: list[dict[str, str]] = []
    for item in paragraphs:
        if isinstance(item, str):
            blocks += [{"kind": "p", "text": text_of(part, values)} for part in split_paragraphs(item)]
        elif "points" in item:
            style = item.get("style") or N.DEFAULT_POINTS
            for i, point in enumerate(item["points"], start=1):
                blocks.append({"kind": "p", "text": N.number(style, i) + text_of(point, values)})
        else:
            style = item.get("style") or N.DEFAULT_POINTS
            parts = [text_of(item["lead"], values)] if item.get("lead") else []
            parts += [N.number(style, i) + text_of(p, values) for i, p in enumerate(item["inline_points"], 1)]
            if item.get("tail"):
                parts.append(text_of(item["tail"], values))
            blocks.append({"kind": "p", "text": "".join(parts)})
    return blocks


def run_in_head(text: str) -> str:
    """A run-in heading ends its sentence: （一）主动公开情况 → （一）主动公开情况。"""
    return text if text.endswith(_ENDS_SENTENCE) else text + "。"


def heading_blocks(level: int, n: int, heading: str, paragraphs: list[Any], values: dict[str, str],
                   style: Style, run_in: bool | None = None) -> list[dict[str, str]]:
    """A numbered heading and its paragraphs; run in, the heading and the first paragraph share one."""
    number_style = style.headings[level]
    rank = N.rank(number_style)
    head = N.number(number_style, n) + heading
    body = paragraph_blocks(paragraphs, values)
    if run_in is None:
        run_in = level in style.run_in
    bold = "b" if rank in style.bold else ""
    if not run_in:
        return [{"kind": f"h{rank}{bold}", "text": head}, *body]
    # The first paragraph joins the heading: text, inline points, or the first of separate points.
    text = body.pop(0)["text"] if body and body[0]["kind"] == "p" else ""
    return [{"kind": f"r{rank}{bold}", "head": run_in_head(head), "text": text}, *body]


def section_blocks(sections: list[dict[str, Any]], values: dict[str, str], level: int = 1,
                   first_number: int = 1, style: Style | None = None) -> list[dict[str, str]]:
    """Blocks of validated sections (fields.section_field) at heading `level` (1 一、 … 4 （1）), numbered from
    `first_number`, each followed by its subsections one level down (a section's `numbering` applies below it)."""
    style = style or Style()
    blocks: list[dict[str, str]] = []
    for n, section in enumerate(sections, start=first_number):
        blocks += heading_blocks(level, n, text_of(section["heading"], values), section.get("paragraphs") or [],
                                 values, style, section.get("run_in"))
        blocks += section_blocks(section.get("subsections") or [], values, level + 1, 1, style.below(section))
    return blocks


def block_texts(block: dict[str, str]) -> list[str]:
    """The printed texts of a block, in order (a run-in block has two)."""
    return [block["head"], block["text"]] if "head" in block else [block["text"]]


__all__ = ["Style", "block_texts", "document_style", "heading_blocks", "paragraph_blocks", "run_in_head",
           "section_blocks", "split_paragraphs", "text_of"]
