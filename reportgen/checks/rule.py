"""What a rule declares, and what the registry (reportgen.checks.registry) lists.

A `Rule` is one finding's code and what a reader of the guide needs to know of it: its Chinese name,
how grave it is, what it checks (one Chinese sentence), its source (the 条例 article, the format's
table and row, GB/T 15834 …), whether it applies to a facts file, to a published report or both,
and whether it needs last year's facts. A `Check` is one module's function with the rules whose
findings it makes, in the order the registry runs them; a check whose findings are made elsewhere
(while validating, by the import of a published report, by `build --pdf`) has no function but is
declared all the same, so every code any message carries has one place that says what it means.

A `Family` groups the lower-case codes of how a facts file is written (a YAML slip, an unknown key, a
count that is not a whole number): they are not checks of the report, and are listed apart.

How a rule applies to a published report is its `OnReport`: the kind of finding a reviewer sees (a
slip of the report, about its publication, an unsure reading) and how the finding made on the facts
the import wrote is worded for the report (`wording`; reportgen.checks.wording has the common
ones). A rule whose published-report finding the import makes itself, from what was printed (the
format of the tables, an unsure reading), says so with `by_import=True`: the finding on the facts the
import wrote is then not shown, the import's is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Problem, Severity

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

# The kinds of a published report's findings (the same values as reportgen.importer.notices).
REPORT, UNSURE, PUBLICATION = "report", "unsure", "publication"

ERROR, WARNING = (Severity.ERROR,), (Severity.WARNING,)
EITHER = (Severity.ERROR, Severity.WARNING)

Wording = Callable[[Problem], "str | None"]  # None: this problem is no finding on a published report


@dataclass(frozen=True)
class OnReport:
    """How a rule applies to a published report."""

    kind: str = REPORT  # REPORT (报告中的问题), PUBLICATION (发布) or UNSURE (读取没有把握)
    # The message of a finding on the facts the import wrote, for a reviewer who never saw them;
    # None: the default (reportgen.checks.wording.plain). It returns None for a problem that is no
    # finding on a report (a facts-file matter the report cannot have).
    wording: Wording | None = None
    by_import: bool = False  # the import makes this finding itself, from what the report prints
    checks: str = ""  # what it checks on a published report, when the rule's own sentence speaks of a facts file


@dataclass(frozen=True)
class Rule:
    """One finding's code and what it means."""

    code: str  # stable: BALANCE, TEXT, date-zero …
    name: str  # Chinese, as the finding's message begins: 勾稽关系不平
    severity: tuple[Severity, ...]  # ERROR, WARNING or EITHER (which one depends on the place)
    checks: str  # what it checks: one Chinese sentence
    source: str  # the 条例 article, the format's table and row, the standard, the reviewers' practice
    facts: bool = True  # applies to a facts file
    report: OnReport | None = None  # applies to a published report, and how; None: it does not
    previous: bool = False  # needs last year's facts

    @property
    def severity_text(self) -> str:
        """错误, 警告 or 错误或警告."""
        return "或".join("错误" if s is Severity.ERROR else "警告" for s in self.severity)

    @property
    def report_checks(self) -> str:
        """What it checks on a published report (the rule's own sentence unless the report has one)."""
        return (self.report.checks if self.report else "") or self.checks

    @property
    def applies_text(self) -> str:
        """两者 (a facts file and a published report), 事实文件 or 已发布报告."""
        if self.facts and self.report:
            return "两者"
        return "事实文件" if self.facts else "已发布报告"


CheckFunction = Callable[["Facts", "Facts | None"], list[Problem]]


@dataclass(frozen=True)
class Check:
    """One module's check: its function and the rules whose findings it makes.

    `run(facts, previous)` returns the findings (previous is last year's facts, or None); it is
    called for every format (or those named in `formats`), only with last year's facts when
    `previous` is set, and on a file with errors elsewhere unless `with_errors` is False. `run` is
    None when the findings are made elsewhere; `made_by` then says where (for maintainers)."""

    rules: tuple[Rule, ...]
    run: CheckFunction | None = None
    formats: tuple[str, ...] = ()  # the formats it applies to (by `format:` name); () = every one
    previous: bool = False  # runs only with last year's facts
    with_errors: bool = True  # runs on a file whose validation found errors too
    made_by: str = ""  # where the findings are made when `run` is None


@dataclass(frozen=True)
class Family:
    """Lower-case codes of how a facts file is written: not rules of the report, listed together."""

    name: str  # Chinese: 字段填写
    checks: str  # what they are about: one Chinese sentence
    codes: tuple[str, ...]
    source: str = "事实文件的写法（见用户指南“事实文件的字段”）"
