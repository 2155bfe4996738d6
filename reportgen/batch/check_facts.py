"""`check FOLDER` on a folder of facts files: each file checked as `check FACTS.yaml` checks it (last
year's file beside it found by name, reportgen.checks.run.sibling_previous), one outcome per file,
in file-name order, and the counts for the summary line.

A file whose only errors are blanks (code "empty": values `new` or `init` left for the clerk) is
counted apart from a file with a mistake, so the summary can say which files only wait to be
filled. Nothing is written.
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
        """"passed", "blanks" (its only errors are blanks), "errors", or "warned" (warnings with `strict`)."""
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
        return any(o.kind(self.strict) != "passed" for o in self.outcomes)

    def summary(self) -> str:
        """`3 份事实文件：1 份通过，1 份有错误，1 份还有空没填（共 164 处待填）。`"""
        n, passed, errors, blanks = len(self.outcomes), self.count("passed"), self.count("errors"), self.count("blanks")
        line = f"{n} 份事实文件：{passed} 份通过，{errors} 份有错误"
        if blanks:
            total = sum(o.blanks for o in self.outcomes if o.kind(self.strict) == "blanks")
            line += f"，{blanks} 份还有空没填（共 {total} 处待填）"
        if self.count("warned"):
            line += f"，{self.count('warned')} 份有警告（--strict：警告也算未通过）"
        return line + "。"


def check_one(path: Path, rules: str | Path | None = None) -> FactsOutcome:
    """Check one facts file as `reportgen check FILE` does; never raises for a problem of the file."""
    from ..checks.run import check

    outcome = FactsOutcome(path)
    try:
        facts = check(path, rules=rules)
    except FactsError as exc:
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
