"""TABLETOTAL and TABLESHAPE: what the document model cannot make of an attachment's table
(reportgen.model.document.attachments finds them; this turns them into findings at the cell): a cell
that is almost a number (12件, 3.5万) in a summed column is a warning (that column's total is left
blank); a row with more or fewer cells than the header an error (the table cannot be printed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem, Severity
from ..model.document import attachments
from .rule import ERROR, WARNING, Check, Rule

if TYPE_CHECKING:
    from ..model.formats.base import FactsView as Facts

_SOURCE = "reportgen 事实文件的写法（用户指南“附件”）"
TABLETOTAL = Rule("TABLETOTAL", "附件表格不能合计", WARNING,
                  "要合计的附件表格，一列数字中有一格不是单纯的数字（如 12件），这一列的合计因此留空。", _SOURCE)
TABLESHAPE = Rule("TABLESHAPE", "附件表格格数不对", ERROR, "附件表格某一行的格数与表头的列数不同。", _SOURCE)


def check(facts: Facts, previous: Facts | None) -> list[Problem]:
    """TABLETOTAL warnings, then TABLESHAPE errors, at the cell or row each names."""
    found = attachments.table_total_problems(
        facts.data, facts.references,
        lambda path, message: facts.problem(path, message, code="TABLETOTAL", severity=Severity.WARNING))
    return found + attachments.table_shape_problems(
        facts.data, lambda path, message: facts.problem(path, message, code="TABLESHAPE"))


CHECK = Check((TABLETOTAL, TABLESHAPE), check)
