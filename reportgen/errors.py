"""Problems found in a facts file, and the exceptions the library raises.

Every message a user sees is built here, so the format is the same everywhere:

    FILE:LINE:COL: 字段路径（中文名称）：what is wrong, what was expected

followed, when the source line is known, by the line itself and a caret under the column.
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

    def format(self, *, show_source: bool = True) -> str:
        head = f"{self.location}: "
        if self.severity is Severity.WARNING:
            head += "警告："
        if self.path:
            head += self.path
            if self.label:
                head += f"（{self.label}）"
            head += "："
        text = head + self.message
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


def summary(problems: list[Problem]) -> str:
    """“N 个错误，M 个警告”: the count of `problems` by severity, as every command's last line says it."""
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    return f"{errors} 个错误，{warnings} 个警告"


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

    def __str__(self) -> str:
        lines = [p.format() for p in self.problems]
        lines += [f"提示：{note}" for note in self.notes]
        lines.append(summary(self.problems))
        return "\n".join(lines)


class TemplateError(ReportgenError):
    """Raised when a Word template is missing, unreadable, unsafe or asks for facts the file lacks."""


class OutputError(ReportgenError):
    """Raised when the output document cannot be written where asked."""
