"""A facts file's text, read the way people actually save it (UTF-8, UTF-8 with BOM, UTF-16 and
UTF-32 with their BOM, GBK/GB18030), with every position in the lines and columns an editor shows.

`Source` is what every later stage points into; `decode` turns bytes into its text, and
`encoding_problem` says where the bytes are not text. The limits of a facts file are here too.
Reading a file and parsing its YAML: reportgen.load.reader.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

import yaml

from ..errors import Location, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024  # a year's facts are a few dozen KiB; anything this big is a mistake
MAX_DEPTH = 40  # levels of nesting; a real facts file has about a dozen


_EDITOR_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Source:
    """A facts file read into memory: its display name, text and YAML node tree (None if unparsable).

    Lines are numbered the way an editor shows them: only \\n, \\r\\n and \\r end a line. (YAML
    also breaks lines at U+0085, U+2028 and U+2029, and Python's splitlines() at more; neither is
    what a clerk sees, so every location is computed here from a character index.)"""

    name: str
    text: str
    encoding: str
    root: yaml.Node | None = None

    @cached_property
    def lines(self) -> list[str]:
        return _EDITOR_BREAK.split(self.text)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _EDITOR_BREAK.finditer(self.text)]

    def line(self, number: int) -> str:
        lines = self.lines
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column of the character at `index` of the text."""
        index = max(0, min(index, len(self.text)))
        number = bisect.bisect_right(self._line_starts, index)
        return number, index - self._line_starts[number - 1] + 1

    def location(self, index: int) -> Location:
        return Location(self.name, *self.position(index))

    def mark_location(self, mark: yaml.Mark, offset: int = 0) -> Location:
        """Where a PyYAML mark (plus `offset` characters of source text) is, in editor lines."""
        return self.location(mark.index + offset)


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a facts file: UTF-8 (with or without BOM), UTF-16 with its BOM
    (what Notepad calls “Unicode”), UTF-32 with its BOM (some converters' “Unicode”), else GB18030 (⊃ GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: FF FE starts both
        try:
            return data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            pass  # not whole UTF-32 characters: reported like any other unreadable byte
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"  # the codec reads the BOM and drops it
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise utf8_error from None


def encoding_problem(data: bytes, utf8_error: UnicodeDecodeError, name: str) -> Problem:
    """The error for bytes `decode` could not read (`utf8_error` is its UTF-8 error), pointing at
    the byte that is not text. A file whose text before the first bad byte has UTF-8
    characters is a UTF-8 file with a broken byte; otherwise it is taken for GBK (GB18030), and
    the first byte GB18030 cannot read is the culprit."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]  # `decode` read the rest as UTF-8: the error's position is in that rest
    if bom or any(b >= 0x80 for b in data[: utf8_error.start]):
        codec, start = "utf-8", utf8_error.start
    else:
        codec, start = "gb18030", utf8_error.start
        try:
            data.decode("gb18030")
        except UnicodeDecodeError as exc:
            start = exc.start
    prefix = data[:start].decode(codec, errors="replace")
    source = Source(name, prefix + data[start:].decode(codec, errors="replace"), codec)
    loc = source.location(len(prefix))
    bad = data[start:start + 1].hex().upper()
    return Problem(
        loc,
        f"文件编码无法识别：这里的字节 0x{bad} 既不是 UTF-8 也不是 GBK 文字。请检查这里的字符，"
        "并在编辑器中“另存为”UTF-8 编码（GBK 也可以）。",
        code="encoding",
        source_line=source.line(loc.line),
    )
