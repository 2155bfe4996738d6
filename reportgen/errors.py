"""Problems found in a facts file, and the exceptions the library raises.

Every message a user sees is built here, so the format is the same everywhere:

    FILE:LINE:COL: 中文名称（第LINE行）：what is wrong, what was expected〔字段路径〕

(the Chinese name first, for the clerk; the field path last, for editors and maintainers; a path
without a Chinese name is said as a place: 第1部分第2段, see `readable`), followed, when the
source line is known, by the line itself and a caret under the column.

A *blank* (code "empty": a value `new` left for the clerk to fill) is an error to the build, but
is counted apart (还有 N 处待填) and listed by part of the report (`blank_lines`), one short line
each, rather than as a mistake.
"""

from __future__ import annotations

import re
from collections import Counter
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
        # A paragraph or point's label is the same for all (段落, 导语): its place says which one.
        name = (readable(self.path) if "[" in self.path or not self.label else "") or self.label
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


# -- places: a field path in words (a message without a Chinese name; the part a blank fills) -----------
# The parts' titles are the national format's (国办公开办函〔2021〕30号, its six parts); the narrative
# format's numbered `sections` are named by their number.

# A facts file's top-level keys → the part of the report they fill, as printed (the national format).
_PARTS = {
    "preamble": "前言",
    "intro": "导语",
    "closing": "结尾",
    "counts": "正文引用的数量（counts）",
    "meetings": "正文引用的会议（meetings）",
    "figures": "正文引用的计算得出的数（figures）",
    "amounts": "正文引用的金额（amounts）",
    "overview": "一、总体情况",
    "active_disclosure": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
    "processing_fee": "六、其他需要报告的事项（信息处理费）",
    "requests": "依申请公开情况",
    "agency": "机关",
    "attachments": "附件",
    "unsure": "读取没有把握的数（unsure）",
}
_OVERVIEW = {"intro": "导语", "active": "（一）主动公开", "requests": "（二）依申请公开",
             "management": "（三）政府信息管理", "platforms": "（四）政府信息公开平台建设", "oversight": "（五）监督保障"}
# A key inside a part → its words; an index after it is counted with the unit given.
_INNER = {"sections": ("第{}部分", ""), "subsections": ("第{}小节", ""), "paragraphs": ("第{}段", ""),
          "points": ("第{}点", ""), "inline_points": ("第{}点", ""), "heading": ("", "标题"), "tail": ("", "结尾一句"),
          "title": ("", "标题"), "attachments": ("附件{}", "")}
_STEP = re.compile(r"\.?([A-Za-z_]\w*)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    return [int(m.group(2)) if m.group(2) else m.group(1) for m in _STEP.finditer(path)]


def part_of(path: str) -> str:
    """The part of the report the field at `path` fills (its top-level key's part: 二、主动公开政府信息情况),
    a narrative report's part by its number (sections[2] → 第3部分); "" when not known."""
    steps = _steps(path)
    if not steps:
        return ""
    if steps[0] == "sections" and len(steps) > 1 and isinstance(steps[1], int):
        return f"第{steps[1] + 1}部分"
    return _PARTS.get(str(steps[0]), "")


def readable(path: str) -> str:
    """`path` said in Chinese (第1部分第2段, 五、存在的主要问题及改进情况第2段第1点, 一、总体情况（一）主动公开第1段),
    or "" when a step of it has no Chinese name (the caller then shows the path alone)."""
    steps = _steps(path)
    if not steps or not isinstance(steps[0], str):
        return ""
    words: list[str] = []
    rest = steps
    if steps[0] == "overview" and len(steps) > 1 and steps[1] in _OVERVIEW:
        words.append(_PARTS["overview"] + _OVERVIEW[str(steps[1])])
        rest = steps[2:]
        unit = "第{}段"
    elif steps[0] in _INNER:
        unit = ""
    elif steps[0] in _PARTS:
        words.append(_PARTS[str(steps[0])])
        rest = steps[1:]
        unit = "第{}段"
    else:
        return ""
    for step in rest:
        if isinstance(step, int):
            if not unit:
                return ""
            words.append(unit.format(step + 1))
            unit = ""
        elif step in _INNER:
            counted, named = _INNER[step]
            if named:
                words.append(named)
            unit = counted
        else:
            return ""
    return "".join(words)


# -- the blanks: one short line each, by part of the report -----------------------------------------
# A file fresh from `new` has some 160 blanks; listed as mistakes (three lines each) they hid the rest.
# The cells of one table row left blank together make one line, and what to write is said once.

_ASKED = re.compile(r"^还没有填写：请填写\s*(.+?)。?$")
_CELL = " · "  # a table cell's label: 行名 · 列名 (reportgen.model.formats.national_2021.CountRow)


def asked(problem: Problem) -> str:
    """What a blank asks for, from its message: 整数（没有就填 0）; the whole message when it says otherwise."""
    m = _ASKED.match(problem.message)
    return m.group(1) if m else problem.message.rstrip("。")


def _fill(wanted: str) -> str:
    """请填写整数（没有就填 0）; a blank's own request as it is when it says more (请写明为什么……)."""
    return wanted if wanted.startswith("请") else f"请填写{wanted}"


def _lines_text(lines: list[int]) -> str:
    """第76–81行 for consecutive lines, 第77、79行 otherwise, 第76行 for one (cells of a row on one line: once)."""
    lines = list(dict.fromkeys(lines))
    if not lines or not lines[0]:
        return ""
    if len(lines) == 1:
        return f"第{lines[0]}行"
    if lines == list(range(lines[0], lines[0] + len(lines))):
        return f"第{lines[0]}–{lines[-1]}行"
    return "第" + "、".join(str(n) for n in lines) + "行"


def _parent(path: str) -> str:
    return re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", path)


def _row(problem: Problem) -> tuple[str, str, str] | None:
    """(parent path, row name, column name) of a blank table cell; None for any other blank."""
    if _CELL not in problem.label:
        return None
    row, column = problem.label.rsplit(_CELL, 1)
    return _parent(problem.path), row, column


# The head of a blank list's first group: the agency's names, the year and the date signed.
_HEAD = {"agency", "year", "signed"}


def _group(path: str) -> str:
    """The group a blank is listed under: the part of the report it fills (part_of), 机关和日期 for the
    agency, year and date signed, 其他 for the rest."""
    steps = _steps(path)
    if steps and steps[0] in _HEAD:
        return "机关和日期"
    return part_of(path) or "其他"


def _blank_name(problem: Problem, group: str) -> str:
    """A blank's name under `group`: its place for a paragraph or point (（一）主动公开第1段 under
    一、总体情况; 第1段 under 前言), as Problem.place names it but without the group's title; else its label."""
    name = (readable(problem.path) if "[" in problem.path or not problem.label else "") or problem.label
    inner = name[len(group):] if name.startswith(group) else ""
    if inner and not inner[0].isdigit():  # 附件1标题 stays whole under 附件
        return inner
    return name or problem.path


def blank_lines(blanks: list[Problem], intro: str) -> list[str]:
    """The printed list: `intro` (FILE: 还有 N 处待填), then what most blanks ask for (：以下各处还没有填写，请填写整数（没有就填 0）：),
    then each part of the report (two spaces in) and its blanks (four spaces in), in file order:
    ``第61行 规章本年制发件数``, one line per table row whose cells are blank
    (``第77、79行 一、本年新收政府信息公开申请数量：商业企业、社会公益组织``; the columns most rows of a part
    leave blank are named once, after the part's title, and not on each row), and what a blank asks
    for after it when it is not what the others ask for. `blanks` are Problems with code "empty"."""
    blanks = sorted(blanks, key=Problem.sort_key)
    common = Counter(asked(p) for p in blanks).most_common(1)[0][0] if blanks else ""
    lines = [f"{intro}：以下各处还没有填写" + (f"，{_fill(common)}：" if common else "：")]
    parts: dict[str, list[list[Problem]]] = {}
    for problem in blanks:
        runs = parts.setdefault(_group(problem.path), [])
        last = runs[-1] if runs else None
        row = _row(problem)
        if (last is not None and row is not None and _row(last[-1]) is not None
                and _row(last[-1])[:2] == row[:2] and asked(last[-1]) == asked(problem)):
            last.append(problem)
        else:
            runs.append([problem])
    for part, runs in parts.items():
        # The columns most rows of this part leave blank are said once, after the part's title.
        rows = Counter(tuple(_row(p)[2] for p in run) for run in runs if _row(run[0]) is not None)  # type: ignore[index]
        shared = next((cols for cols, n in rows.most_common(1) if n > 1 and len(cols) > 1), ())
        lines.append(f"  {part}" + (f"（下列各行的 {'、'.join(shared)} 都待填）" if shared else ""))
        for run in runs:
            first = run[0]
            where = _lines_text([p.location.line for p in run])
            if _row(first) is not None:
                _, row, _ = _row(first)  # type: ignore[misc]
                columns = tuple(_row(p)[2] for p in run)  # type: ignore[index]
                name = row if columns == shared else row + "：" + "、".join(columns)
            else:
                name = _blank_name(first, part)
            wanted = asked(first)
            tail = "" if wanted == common else f"：{_fill(wanted)}"
            lines.append(f"    {where} {name}{tail}" if where else f"    {name}{tail}")
    return lines


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
