"""FIGURE, TABLETOTAL and TABLESHAPE: what the document model cannot make of a file's derived
figures and attachment tables (reportgen.model.document.figures and .attachments find them; this
turns them into findings at the field): a figure that cannot be computed (an unknown name, a share
of 0) is an error; a cell that is almost a number (12件, 3.5万) in an attachment table's summed
column a warning (that column's total is left blank); a row with more or fewer cells than the
header an error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.document import attachments, figures
from . import unsure

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts


def figure_checks(facts: Facts) -> list[Problem]:
    """A derived figure that cannot be computed (an unknown name, a share of 0) is an error at it;
    so is an attachment table row with more or fewer cells than its header; each `unsure:` entry
    is a warning (UNSURE, reportgen.checks.unsure)."""
    found = figures.figure_problems(facts.data, facts.references,
                                    lambda path, message: facts.problem(path, message, code="FIGURE"),
                                    getattr(facts, "unsure", frozenset()), facts.format.units(facts.data))
    found += attachments.table_total_problems(
        facts.data, facts.references,
        lambda path, message: facts.problem(path, message, code="TABLETOTAL", severity=Severity.WARNING))
    found += unsure.problems(facts)
    return found + attachments.table_shape_problems(
        facts.data, lambda path, message: facts.problem(path, message, code="TABLESHAPE"))
