"""Load: the bytes of a facts file become a YAML node tree that remembers where every value sits.

Nothing here knows what a facts file means; it only reads text the way people actually save it
(UTF-8, UTF-8 with BOM, GBK/GB18030) and turns PyYAML's errors into located Chinese messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Location, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024  # a year's facts are a few dozen KiB; anything this big is a mistake


@dataclass
class Source:
    """A facts file read into memory: its display name, text and YAML node tree (None if unparsable)."""

    name: str
    text: str
    encoding: str
    root: yaml.Node | None

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def line(self, number: int) -> str:
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a facts file: UTF-8 (with or without BOM), else GB18030 (⊃ GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise utf8_error from None


def read_source(path: Path, display_name: str | None = None) -> tuple[Source | None, list[Problem]]:
    """Read and parse a facts file. Returns the source (None if it cannot be read) and problems."""
    name = display_name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(Location(name), "找不到这个文件，请检查路径和文件名。", code="file-missing")]
    except IsADirectoryError:
        return None, [Problem(Location(name), "这是一个文件夹，不是事实文件（.yaml）。", code="file-is-dir")]
    except OSError as exc:
        return None, [Problem(Location(name), f"无法读取文件：{exc.strerror or exc}。", code="file-unreadable")]
    return parse_source(data, name)


def parse_source(data: bytes, name: str) -> tuple[Source | None, list[Problem]]:
    if len(data) > MAX_FILE_BYTES:
        return None, [
            Problem(
                Location(name),
                f"文件太大（{len(data)} 字节，上限 {MAX_FILE_BYTES} 字节）：一年的事实文件通常只有几十 KB，"
                "请确认选对了文件。",
                code="file-too-large",
            )
        ]
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                Location(name, line, 1),
                "文件编码无法识别：请在编辑器中“另存为”UTF-8 编码（GBK 也可以）。",
                code="encoding",
            )
        ]
    problems = lint_lines(text, name)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        problem = _syntax_problem(exc, text, name)
        # The line scan may already have explained this very spot more plainly.
        if not any(p.location.line == problem.location.line for p in problems):
            problems.append(problem)
        return Source(name, text, encoding, None), problems
    except yaml.YAMLError as exc:  # e.g. a reader error on a character YAML forbids
        problems.append(_reader_problem(exc, text, name))
        return Source(name, text, encoding, None), problems
    return Source(name, text, encoding, root), problems


# -- the line scan: mistakes YAML reports badly, all found in one pass ------------------------------

_KEY_FULLWIDTH_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)\s*：")
_KEY_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*):(?=[^\s:/])")


def lint_lines(text: str, name: str) -> list[Problem]:
    """Find tabs in indentation, full-width colons and spaces after keys, on every line at once."""
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        indent = re.match(r"[ \t\u3000]*", line).group(0)
        if "\t" in indent:
            problems.append(
                Problem(
                    Location(name, number, indent.index("\t") + 1),
                    "缩进里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格（同一层对齐）。",
                    code="tab-indent",
                    source_line=line,
                )
            )
        elif "\u3000" in indent:
            problems.append(
                Problem(
                    Location(name, number, indent.index("\u3000") + 1),
                    "缩进里有全角空格：请改用半角空格缩进。",
                    code="fullwidth-indent",
                    source_line=line,
                )
            )
        m = _KEY_FULLWIDTH_COLON.match(line)
        if m:
            col = line.index("：", m.end(2)) + 1
            problems.append(
                Problem(
                    Location(name, number, col),
                    f"字段名 {m.group(2)} 后面是全角冒号“：”：请改为半角冒号加一个空格（{m.group(2)}: ）。",
                    code="fullwidth-colon",
                    source_line=line,
                )
            )
            continue
        m = _KEY_NO_SPACE.match(line)
        if m:
            problems.append(
                Problem(
                    Location(name, number, m.end() + 1),
                    f"字段名 {m.group(2)} 的冒号后面缺少空格：请写成“{m.group(2)}: 值”。",
                    code="colon-no-space",
                    source_line=line,
                )
            )
        elif re.match(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:\u3000", line):
            col = line.index(":\u3000") + 2
            problems.append(
                Problem(
                    Location(name, number, col),
                    "冒号后面是全角空格：请改为半角空格。",
                    code="fullwidth-space",
                    source_line=line,
                )
            )
    return problems


# -- PyYAML's errors in Chinese ---------------------------------------------------------------------

_TRANSLATIONS: list[tuple[str, str]] = [
    ("found character '\\t' that cannot start any token",
     "这里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格。"),
    ("mapping values are not allowed here",
     "这里不能出现“字段名: 值”：常见原因是上一行缩进不对，或文字里含有“: ”——含冒号的文字请用引号括起来。"),
    ("could not find expected ':'",
     "缺少冒号：每个字段写成“字段名: 值”（半角冒号，后面加空格）；整段文字请写在同一行或用引号括起来。"),
    ("did not find expected key",
     "缩进不一致：同一层的字段必须左对齐，列表项“- ”也要与同级对齐。"),
    ("expected <block end>, but found",
     "缩进不一致：这一行的缩进与上面同一层的字段没有对齐。"),
    ("did not find expected '-' indicator",
     "列表缩进不一致：同一列表的每一项“- ”必须左对齐。"),
    ("found unexpected end of stream",
     "引号没有闭合：这里开始的引号一直到文件末尾都没有配对的结束引号。"),
    ("found undefined alias",
     "引用了未定义的锚点（*名称）：请先用 &名称 定义。"),
    ("expected alphabetic or numeric character",
     "以 * 或 & 开头的文字会被当作 YAML 锚点：请把这段文字用引号括起来。"),
    ("expected ',' or '}'",
     "以 { 开头的文字会被当作映射：请把整段文字用引号括起来，例如 \"{year}年……\"。"),
    ("expected ',' or ']'",
     "以 [ 开头的文字会被当作列表：请把整段文字用引号括起来。"),
    ("found unknown escape character",
     "双引号里的反斜杠“\\”开始了未知的转义：请改用单引号，或写成“\\\\”。"),
    ("found character '@' that cannot start any token",
     "以 @ 开头的文字必须用引号括起来。"),
    ("found character '`' that cannot start any token",
     "以 ` 开头的文字必须用引号括起来。"),
    ("found duplicate anchor",
     "锚点名称重复定义。"),
]


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    detail = " ".join(filter(None, [exc.context, exc.problem]))
    message = next((zh for en, zh in _TRANSLATIONS if en in detail), None)
    if message is None:
        message = f"YAML 语法错误（{detail}）。"
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    return Problem(Location(name, line, column), message, code="yaml-syntax", source_line=source_line)


def _reader_problem(exc: yaml.YAMLError, text: str, name: str) -> Problem:
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    line, column = 0, 0
    if position is not None:
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
    what = f"U+{ord(character):04X}" if isinstance(character, str) else "不可见字符"
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    return Problem(
        Location(name, line, column),
        f"含有不能写入文档的控制字符 {what}：请删除它（常见于从网页或其他软件复制的文字）。",
        code="control-char",
        source_line=source_line,
    )
