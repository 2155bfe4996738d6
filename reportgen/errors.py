"""Problems found in a facts file, and the exceptions the library raises.

Every message a user sees is built here, so the format is the same everywhere:

    FILE:LINE:COL: 中文名称（第LINE行）：what is wrong, what was expected〔字段路径〕

(the Chinese name first, for the clerk; the field path last, for editors and maintainers; a path
without a Chinese name is said as a place: 第1部分第2段, see reportgen.places), followed, when the
source line is known, by the line itself and a caret under the column.

A *blank* (code "empty": a value `new` left for the clerk to fill) is an error to the build, but
is counted apart (还有 N 处待填) and listed by part of the report (reportgen.blanks), one short line
each, rather than as a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """Where a value sits in a facts file. Lines and columns are 1-based."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Problem:
    """One finding: an error (the build refuses) or a warning (the build goes on)."""

    location: Location
    message: str
    path: str = ""  # dotted field path, e.g. "sections[2].heading"
    label: str = ""  # the field's Chinese name
    severity: Severity = Severity.ERROR
    code: str = ""  # stable identifier of the rule, e.g. "BALANCE", "unknown-field"
    source_line: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_blank(self) -> bool:
        """A value still to be filled in (code "empty"): it blocks the build like an error, but is
        counted and listed apart (还有 N 处待填)."""
        return self.code == BLANK

    def place(self) -> str:
        """The field's Chinese name (or its place in words: 第1部分第2段) and its line:
        行政许可本年处理决定数量（第68行）; "" when the problem names no field."""
        from .places import readable

        name = self.label or readable(self.path)
        if not name:
            return ""
        return name + (f"（第{self.location.line}行）" if self.location.line else "")

    def format(self, *, show_source: bool = True) -> str:
        """The message as printed: FILE:LINE:COL: 中文名称（第LINE行）：message〔field.path〕, then the
        source line with a caret under the column (when known and `show_source`)."""
        head = f"{self.location}: "
        if self.severity is Severity.WARNING:
            head += "警告："
        where = self.place()
        if where:
            head += where + "："
        first, newline, rest = self.message.partition("\n")
        text = head + first + (f"〔{self.path}〕" if self.path else "") + newline + rest
        if show_source and self.source_line and self.location.column:
            shown = self.source_line.translate(_VISIBLE)
            caret_pad = "".join(
                "\t" if ch == "\t" else ("　" if _is_wide(ch) else " ")
                for ch in shown[: self.location.column - 1]
            )
            text += f"\n    {shown}\n    {caret_pad}^"
        return text

    def sort_key(self) -> tuple[str, int, int]:
        return (self.location.file, self.location.line, self.location.column)


# Characters that would garble the quoted source line (a control character moves the cursor;
# U+2028 breaks the line), shown as a visible symbol of the same width so the caret stays right.
_VISIBLE = {c: 0x2400 + c for c in range(0x20) if c != 0x09}
_VISIBLE.update({0x7F: 0x2421, 0x85: 0x2424, 0x2028: 0x2424, 0x2029: 0x2424})


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


BLANK = "empty"  # the code of a value still to fill in (a contract between the commands: see Problem.is_blank)


def summary(problems: list[Problem]) -> str:
    """“N 个错误，M 个警告” — with “还有 K 处待填，” before it when values are still blank: the count
    of `problems` by kind, as every command's last line says it. A blank is not counted as an error."""
    blanks = sum(1 for p in problems if p.is_blank)
    errors = sum(1 for p in problems if p.is_error and not p.is_blank)
    warnings = sum(1 for p in problems if not p.is_error and not p.is_blank)
    text = f"{errors} 个错误，{warnings} 个警告"
    return f"还有 {blanks} 处待填，{text}" if blanks else text


def unfinished(problems: list[Problem]) -> str:
    """What keeps a file from being used, in a few words: 有 3 个错误 / 还有 164 处待填 / 有 3 个错误、
    还有 164 处待填 ("" when nothing does)."""
    blanks = sum(1 for p in problems if p.is_blank)
    errors = sum(1 for p in problems if p.is_error and not p.is_blank)
    said = ([f"有 {errors} 个错误"] if errors else []) + ([f"还有 {blanks} 处待填"] if blanks else [])
    return "、".join(said)


class ReportgenError(Exception):
    """Base class of every error the library raises on purpose.

    The command line catches this class alone, prints ``str(error)`` to stderr and exits 1.
    """


class FactsError(ReportgenError):
    """Raised when a facts file cannot be read, parsed or validated, or fails an error-level check.

    ``problems`` holds every finding of the run (warnings too), ordered by position in the file.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        self.notes: list[str] = []  # what was not checked, and why (printed as 提示：)
        super().__init__(self.problems)

    @property
    def blanks(self) -> list[Problem]:
        """The values still to fill in (code "empty"), in file order: not mistakes, but the build waits for them."""
        return [p for p in self.problems if p.is_blank]

    @property
    def errors(self) -> list[Problem]:
        """The mistakes (errors that are not blanks), in file order."""
        return [p for p in self.problems if p.is_error and not p.is_blank]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error and not p.is_blank]

    def text(self, blanks_intro: str = "") -> str:
        """Every problem as printed: the blanks first, one short line each under the part of the
        report they fill (introduced by `blanks_intro`, default “FILE: 还有 N 处待填”), then each
        mistake and warning in full, the notes, and the summary line."""
        from .blanks import blank_lines

        blanks = self.blanks
        lines: list[str] = []
        if blanks:
            intro = blanks_intro or f"{blanks[0].location.file}: 还有 {len(blanks)} 处待填"
            lines += blank_lines(blanks, intro)
        lines += [p.format() for p in self.problems if not p.is_blank]
        lines += [f"提示：{note}" for note in self.notes]
        lines.append(summary(self.problems))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


class TemplateError(ReportgenError):
    """Raised when a Word template is missing, unreadable, unsafe or asks for facts the file lacks."""


class OutputError(ReportgenError):
    """Raised when the output document cannot be written where asked."""
