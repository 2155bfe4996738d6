"""Load: the bytes of a facts file become a YAML node tree that remembers where every value sits.

Nothing here knows what a facts file means; it only reads text the way people actually save it
(reportgen.load.source), parses it (through libyaml when it can: reportgen.load.fast_yaml) and
turns PyYAML's errors into located Chinese messages (reportgen.load.syntax).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import Location, Problem
from .fast_yaml import compose_fast
from .entries import not_regular, open_reason
from .source import MAX_DEPTH, MAX_FILE_BYTES, Source, decode, encoding_problem
from .syntax import lint_lines, reader_problem, syntax_problem


def read_source(path: Path, display_name: str | None = None) -> tuple[Source | None, list[Problem]]:
    """Read and parse a facts file. Returns the source (None if it cannot be read) and problems."""
    name = display_name or str(path)
    odd = not_regular(path)  # a named pipe is never opened: reading it would wait forever
    if odd:
        return None, [Problem(Location(name), f"这个文件{odd}。", code="file-unreadable")]
    try:
        with path.open("rb") as handle:  # never more than the limit and one byte (think /dev/zero)
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        from .input_hints import missing_file_hint

        return None, [Problem(Location(name), "找不到这个文件，请检查路径和文件名。" + missing_file_hint(path),
                              code="file-missing")]
    except IsADirectoryError:
        return None, [Problem(Location(name), "这是一个文件夹，不是事实文件（.yaml）。", code="file-is-dir")]
    except OSError as exc:
        return None, [Problem(Location(name), f"无法读取文件：{open_reason(exc)}。", code="file-unreadable")]
    return parse_source(data, name)


def parse_source(data: bytes, name: str) -> tuple[Source | None, list[Problem]]:
    """Parse the bytes of a facts file named `name` (as messages show it): the Source (None when
    the bytes are not a text facts file at all: too big, a .docx or .pdf, undecodable) and the
    problems found, every one a located Chinese message. The source's `root` is None when the YAML
    cannot be parsed (the syntax error is among the problems) or the file is empty."""
    if len(data) > MAX_FILE_BYTES:
        return None, [
            Problem(
                Location(name),
                f"文件太大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）：一年的事实文件通常只有几十 KB，"
                "请确认选对了文件。",
                code="file-too-large",
            )
        ]
    wrong = _wrong_kind(data)
    if wrong:
        return None, [Problem(Location(name, 1, 1), wrong, code="not-facts")]
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        return None, [encoding_problem(data, exc, name)]
    source = Source(name, text, encoding)
    problems = lint_lines(source)
    if not problems:
        source.root = compose_fast(text)
        if source.root is not None:
            return source, problems
    loader = None
    try:
        loader = _Loader(text)  # the reader rejects forbidden characters right here
        source.root = loader.get_single_node()
        if source.root is None and not problems:
            problems.append(Problem(
                Location(name, 1, 1),
                "文件里没有内容（或只有注释）：事实文件由“字段名: 值”组成，第一行通常是 format: 报告格式。",
                code="empty-file", source_line=source.line(1),
            ))
    except yaml.MarkedYAMLError as exc:
        problem = syntax_problem(exc, source, loader.last_token if loader else None)
        # The line scan explains its findings more plainly than PyYAML; a syntax error at or after
        # one of them is (almost always) its consequence, e.g. the next line of a `year： 2011`.
        if not any(p.location.line <= problem.location.line for p in problems):
            problems.append(problem)
    except yaml.YAMLError as exc:  # e.g. a reader error on a character YAML forbids
        problems.append(reader_problem(exc, source))
    except _TooDeep as exc:
        loc = source.mark_location(exc.mark)
        problems.append(Problem(
            loc,
            f"嵌套太深（超过 {MAX_DEPTH} 层）：事实文件只有几层缩进或括号，请检查这里是否多写了 [ 或 {{，或缩进层层加深。",
            code="too-deep", source_line=source.line(loc.line),
        ))
    finally:
        if loader is not None:
            loader.dispose()
    return source, problems


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        super().__init__()
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """The safe loader, remembering the last token the parser took (to explain some errors) and
    refusing nesting deeper than MAX_DEPTH (PyYAML builds nodes recursively: `[[[[…` thousands deep
    would exhaust Python's stack)."""

    last_token: yaml.Token | None = None
    depth = 0

    def get_token(self) -> yaml.Token:
        token = super().get_token()
        self.last_token = token
        return token

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _wrong_kind(data: bytes) -> str | None:
    """A file that is not a text facts file at all (a .docx, .pdf, .xlsx), or UTF-16 without its BOM."""
    from .input_hints import utf16_without_bom, wrong_file_kind

    return wrong_file_kind(data) or utf16_without_bom(data)
