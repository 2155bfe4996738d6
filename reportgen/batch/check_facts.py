"""`check FOLDER` on a folder of facts files: each file checked as `check FACTS.yaml` checks it (last
year's file beside it found by name, reportgen.checks.run.sibling_previous), one outcome per file,
in file-name order, and the counts for the summary line.

A file whose only errors are blanks (code "empty": values `new` or `init` left for the clerk) is
counted apart from a file with a mistake, so the summary can say which files only wait to be
filled. A local rules file kept beside the facts files is skipped and said so (`is_local_rules`).
For the screen: a file's blanks in one line (`blanks_line`), a note shared by many files once
(`shared_notes`). Nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FactsError, Problem, ReportgenError
from .folder import facts_names

BLANK = "empty"  # the code of a value left blank to fill (the issue-22 contract)


@dataclass
class FactsOutcome:
    """One facts file's check: every finding (errors and warnings, in file order), the notes on what
    was not checked, and `failure`, a message when the file could not be checked at all."""
    source: Path
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failure: str = ""
    skipped: str = ""  # why the file was not checked as a facts file (a local rules file beside them)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def blanks(self) -> int:
        """How many values are still blank (code "empty")."""
        return sum(1 for p in self.errors if p.code == BLANK)

    def kind(self, strict: bool = False) -> str:
        """"passed", "blanks" (its only errors are blanks), "errors", "warned" (warnings with `strict`),
        or "skipped" (no facts file: a local rules file)."""
        if self.skipped:
            return "skipped"
        if self.failure or any(p.code != BLANK for p in self.errors):
            return "errors"
        if self.errors:
            return "blanks"
        return "warned" if strict and self.warnings else "passed"


@dataclass
class FactsFolderCheck:
    """The outcomes of a folder's facts files, in file-name order."""
    outcomes: list[FactsOutcome]
    strict: bool = False

    def count(self, kind: str) -> int:
        """How many files are of `kind` (FactsOutcome.kind)."""
        return sum(1 for o in self.outcomes if o.kind(self.strict) == kind)

    @property
    def failed(self) -> bool:
        """Whether any file did not pass (exit 1)."""
        return any(o.kind(self.strict) not in ("passed", "skipped") for o in self.outcomes)

    def summary(self) -> str:
        """`3 份事实文件：1 份通过，1 份有错误，1 份还有空没填（共 164 处待填）。` (local rules files
        skipped are not facts files: named after, `另有 1 份本地规则文件，已跳过`)."""
        skipped = self.count("skipped")
        n, passed, errors, blanks = len(self.outcomes) - skipped, self.count("passed"), self.count("errors"), self.count("blanks")
        line = f"{n} 份事实文件：{passed} 份通过，{errors} 份有错误"
        if blanks:
            total = sum(o.blanks for o in self.outcomes if o.kind(self.strict) == "blanks")
            line += f"，{blanks} 份还有空没填（共 {total} 处待填）"
        if self.count("warned"):
            line += f"，{self.count('warned')} 份有警告（--strict：警告也算未通过）"
        if skipped:
            line += f"；另有 {skipped} 份本地规则文件，已跳过"
        return line + "。"


def blanks_line(outcome: FactsOutcome) -> str:
    """A file's blanks in one line, for a folder check (500 files fresh from `init` would otherwise
    print 31,000 lines): how many, the first (its line and Chinese name), and the command that lists
    each — `X.yaml: 还有 179 处待填（第一处：第11行 机关简称）；逐处列出：reportgen check X.yaml`."""
    blanks = sorted((p for p in outcome.problems if p.code == BLANK), key=Problem.sort_key)
    first = blanks[0]
    where = " ".join(part for part in (f"第{first.location.line}行" if first.location.line else "",
                                       first.label or first.path) if part)
    name = str(outcome.source)
    command = f'"{name}"' if " " in name else name
    return f"{name}: 还有 {len(blanks)} 处待填（第一处：{where}）；逐处列出：reportgen check {command}"


#: The advice of `check FILE` for a file without last year's; in a folder --previous is refused.
PREVIOUS_ADVICE = "可用 --previous 指定上一年度的文件。"
FOLDER_PREVIOUS_ADVICE = ("把上一年度的文件放在同一文件夹、文件名中的年份减一（如 a-2024.yaml 之于 a-2025.yaml），"
                          "就会自动比较。")


def shared_notes(outcomes: list[FactsOutcome], shown: int = 5) -> list[str]:
    """The notes of a folder check, each said once (`没有找到上一年度的事实文件…` would otherwise be
    printed for every file): `FILE: 提示：…` for a note of one file, `提示（N 份文件：a、b 等）：…` for a
    note of several; the advice to use --previous (refused for a folder) said as a folder's."""
    files: dict[str, list[str]] = {}
    for outcome in outcomes:
        for note in outcome.notes:
            files.setdefault(note.replace(PREVIOUS_ADVICE, FOLDER_PREVIOUS_ADVICE), []).append(str(outcome.source))
    lines = []
    for note, names in files.items():
        if len(names) == 1:
            lines.append(f"{names[0]}: 提示：{note}")
        else:
            more = " 等" if len(names) > shown else ""
            lines.append(f"提示（{len(names)} 份文件：{'、'.join(Path(n).name for n in names[:shown])}{more}）：{note}")
    return lines


#: The top-level keys of a local rules file (reportgen.model.local_rules.SCHEMA).
RULES_KEYS = frozenset({"source", "deadline", "overview"})


def is_local_rules(path: Path) -> bool:
    """Whether `path` reads as a local rules file (top-level keys among RULES_KEYS, `source:` among
    them, no `format:`) rather than a facts file: such a file is often kept beside the facts files
    that name it (`local_rules: rules.yaml`)."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "source" in data and set(map(str, data)) <= RULES_KEYS


def check_one(path: Path, rules: str | Path | None = None) -> FactsOutcome:
    """Check one facts file as `reportgen check FILE` does; never raises for a problem of the file."""
    from ..checks.run import check

    outcome = FactsOutcome(path)
    try:
        facts = check(path, rules=rules)
    except FactsError as exc:
        if any(p.path == "format" for p in exc.problems) and is_local_rules(path):  # read again only then
            outcome.skipped = ("这是本地规则文件，不是事实文件，已跳过（事实文件用一行 local_rules: 文件名 引用它，"
                               "或检查时加 --rules 文件名）。")
            return outcome
        outcome.problems, outcome.notes = list(exc.problems), list(exc.notes)
    except ReportgenError as exc:
        outcome.failure = str(exc)
    except OSError as exc:
        from ..load.os_reasons import os_reason

        outcome.failure = f"{path}: 无法读取：{os_reason(exc)}。"
    else:
        outcome.problems, outcome.notes = list(facts.warnings), list(facts.notes)
    return outcome


def check_facts_folder(folder: Path, *, rules: str | Path | None = None, strict: bool = False,
                       each: Callable[[FactsOutcome], None] | None = None) -> FactsFolderCheck:
    """Check every facts file (.yaml, .yml) of `folder`, not its subfolders, in name order; `each` is
    given every outcome as soon as it is known (to print it). `rules`: a local rules file applied
    to every file (else each file's own `local_rules:`)."""
    outcomes = []
    for name in facts_names(folder):
        outcome = check_one(folder / name, rules)
        if each is not None:
            each(outcome)
        outcomes.append(outcome)
    return FactsFolderCheck(outcomes, strict)
