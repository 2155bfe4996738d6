"""How a report numbers its headings, level by level, and whether they are run in: collected while
the sections are found, written as the facts' `numbering:` and `run_in:` (and a part's own where it
differs), so the rebuilt report numbers the same way."""

from __future__ import annotations

from typing import Any

from . import structure


def escape(text: str) -> str:
    """Report text as a facts file holds it: braces doubled, as they are not references."""
    return text.replace("{", "{{").replace("}", "}}")


def paragraphs(items: list[Any]) -> list[Any]:
    """The texts among `items` as the facts' paragraphs (points recognised, braces escaped)."""
    return [escape_paragraph(p) for p in structure.paragraphs([t for t in items if isinstance(t, str)])]


def escape_paragraph(p: Any) -> Any:
    """A paragraph (a text, or a point {heading:, text:} as `structure.paragraphs` gives) escaped."""
    if isinstance(p, str):
        return escape(p)
    return {k: ([escape(x) for x in v] if isinstance(v, list) else escape(v)) for k, v in p.items()}


class Shape:
    """Collects how each level is numbered and whether its headings are run in, then writes the
    document's `numbering:` and `run_in:` and, where a part differs, the part's own."""

    def __init__(self, first_level: int = 1) -> None:
        self.styles: dict[int, list[str]] = {}
        self.run_in: dict[int, list[bool]] = {}
        self.first_level = first_level
        self.nodes: list[tuple[int, dict[str, Any], bool, str]] = []  # (level, section, run in, child style)

    def sections(self, found: list[structure.Part], level: int, style: str) -> list[dict[str, Any]]:
        self.styles.setdefault(level, []).append(style)
        out = []
        for part in found:
            run_in = bool(part.head.body)
            self.run_in.setdefault(level, []).append(run_in)
            section: dict[str, Any] = {"heading": escape(part.head.heading),
                                       "paragraphs": paragraphs(part.body)}
            if part.children:
                section["subsections"] = self.sections(part.children, level + 1, part.child_style)
            self.nodes.append((level, section, run_in, part.child_style))
            out.append(section)
        return out

    def part(self, level: int, section: dict[str, Any], run_in: bool, child_style: str) -> None:
        """An overview part (level 2) found and filled by the caller."""
        self.styles.setdefault(level, []).append(section.pop("_style"))
        self.run_in.setdefault(level, []).append(run_in)
        self.nodes.append((level, section, run_in, child_style))

    def finish(self, data: dict[str, Any]) -> None:
        from ..model.document.numbering import DEFAULT_HEADINGS

        numbering: dict[str, str] = {}
        chosen: dict[int, str] = {}
        for level, styles in sorted(self.styles.items()):
            style = max(set(styles), key=styles.count)
            chosen[level] = style
            if style != DEFAULT_HEADINGS.get(level):
                numbering[f"level{level}"] = style
        run_in = sorted(level for level, flags in self.run_in.items() if flags and all(flags))
        for level, section, flag, child_style in self.nodes:
            if flag != (level in run_in):
                section["run_in"] = flag
            if child_style and child_style != chosen.get(level + 1):
                section["numbering"] = {f"level{level + 1}": child_style}
        if numbering:
            data["numbering"] = numbering
        if run_in:
            data["run_in"] = run_in
