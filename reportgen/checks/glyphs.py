"""Characters the PDF cannot draw: a warning naming each one and its place in the facts file.

On Linux the PDF is made with the free fonts of reportgen/fonts/fonts.conf (the official Windows
fonts are not free). A character that none of them covers — not the font a style maps to, not the
other mapped fonts LibreOffice falls back to, not the HanaMinB fallback for CJK Extension B — is
drawn as a blank or a box. Which characters a font covers is read from fontconfig itself
(`fc-match --format %{charset}`, the same data LibreOffice's font fallback uses; no font file is
parsed here, so no Python dependency is needed). Where fontconfig is not installed (Windows, macOS,
where LibreOffice uses the fonts installed there), no check is made and an empty list is returned.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import yaml

from ..errors import Problem, Severity
from ..load.positions import text_offset
from ..model.typography import FANGSONG, FONTCONFIG_FILE, HEITI, KAITI, LATIN, SONGTI, XIAOBIAOSONG
from .rule import WARNING, Check, Rule

if TYPE_CHECKING:
    from ..model.facts import Facts

#: The fonts the report's styles name, and the fallback fonts.conf adds.
FAMILIES = (FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI, LATIN, "HanaMinB")


def _ranges(charset: str) -> list[tuple[int, int]]:
    """fontconfig's charset text ("20-7e a0-17f 3000 …") as (first, last) code points."""
    out = []
    for item in charset.split():
        first, _, last = item.partition("-")
        try:
            out.append((int(first, 16), int(last or first, 16)))
        except ValueError:
            continue
    return out


@functools.lru_cache(maxsize=1)
def coverage() -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]] | None:
    """(names of the fonts, the code point ranges they cover together) as fontconfig resolves the
    families above through reportgen/fonts/fonts.conf; None when fontconfig is not installed."""
    import subprocess  # here, not at the top: every build imports this module, only --pdf runs fc-match

    fc_match = shutil.which("fc-match")
    if fc_match is None or not FONTCONFIG_FILE.is_file():
        return None
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG_FILE.resolve())}
    names: list[str] = []
    ranges: list[tuple[int, int]] = []
    for family in FAMILIES:
        try:
            result = subprocess.run([fc_match, "--format=%{family[0]}\t%{charset}\n", family],
                                    capture_output=True, text=True, env=env, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        name, _, charset = result.stdout.partition("\t")
        if name and name not in names:
            names.append(name)
            ranges += _ranges(charset)
    return tuple(names), tuple(sorted(ranges))


def covered(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    """Whether code point `code` falls in one of `ranges` ((first, last) code points, inclusive)."""
    return any(first <= code <= last for first, last in ranges)


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    """Every value (not key) scalar of a YAML tree, each node once."""
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            yield current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            stack.extend(value for _, value in reversed(current.value))


def missing_glyphs(facts: Facts) -> list[Problem]:
    """One warning (code GLYPH) per distinct character of the facts file that no font of the PDF
    mapping covers, at its first place."""
    found = coverage()
    if found is None:
        return []
    names, ranges = found
    problems, reported = [], set()
    for node in _scalars(facts.source.root):
        for index, char in enumerate(node.value):
            code = ord(char)
            if code < 0x80 or char in reported or char.isspace() or covered(code, ranges):
                continue
            reported.add(char)
            loc = facts.source_location(node, text_offset(node, index))
            problems.append(Problem(
                loc,
                f"字符“{char}”（U+{code:04X}）在生成 PDF 所用的字体（{'、'.join(names)}）中都没有，"
                "PDF 中这个字会是空白或方框（LibreOffice 还可能因此不再为同一段里的其他生僻字换用字体）：请核对这个字；如确需用它，请在装有含这个字的字体的电脑上用 Word 另存为 PDF。",
                severity=Severity.WARNING, code="GLYPH", source_line=facts.source.line(loc.line)))
    return problems


RULE = Rule("GLYPH", "字体里没有的字", WARNING,
            "加 --pdf 生成 PDF 时，某个字在生成 PDF 所用的字体里都没有（如扩展 G 区汉字）：PDF 中这个字会是空白或方框。",
            "GB/T 9704—2012 的字体（仿宋、楷体、黑体、小标宋）；reportgen/fonts/fonts.conf 的字体对应")
# Run by `build --pdf` (reportgen.publish.build), not by `check`: only a PDF made here needs the fonts.
CHECK = Check((RULE,), made_by="reportgen.publish.build, with --pdf (missing_glyphs)")
