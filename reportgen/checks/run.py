"""The pipeline through the check stage: a facts file read and validated (reportgen.model.facts),
then every check run on whatever is valid, last year's file included when it is at hand.

`load_facts` raises FactsError with every problem of the file at once (warnings too: nothing is
hidden behind an error). The checks themselves are functions of this package: each format's own
(FORMAT_CHECKS: national.checks, narrative.checks), those every format shares (`shared_checks`),
and the comparisons with last year (year_over_year, copies). Findings are listed by their place in
the file (FactsError and `Facts.warnings` sort them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import FactsError, Problem
from ..model import yoy
from ..model.facts import Facts, read_facts
from . import copies, lint, national, narrative, punctuation, text_figures, year_over_year, years

#: The checks of each format, by the name a facts file gives in `format:`.
FORMAT_CHECKS: dict[str, Callable[[Facts, Facts | None], list[Problem]]] = {
    "narrative-2011": narrative.checks,
    "national-2021": national.checks,
}


def format_checks(facts: Facts, previous: Facts | None) -> list[Problem]:
    """The findings of the checks of the facts' own format (FORMAT_CHECKS), with last year's facts
    when they are at hand (None otherwise)."""
    return FORMAT_CHECKS[facts.format.name](facts, previous)


def shared_checks(facts: Facts) -> list[Problem]:
    """The checks of the text and the year that every format shares (TEXT, FORMAT, FILENAME,
    PUNCT, LOSTITEM, HEADNUM), run on whatever is valid. TEXT's note on typed figures that agree
    with the table goes to `facts.notes`."""
    text, notes = text_figures.text_figures(facts)
    facts.notes += notes
    return [*text, *years.year_checks(facts), *punctuation.half_width_punctuation(facts),
            *lint.lost_items(facts.prose, facts.source_location, facts.source.line),
            *lint.typed_heading_numbers(facts.prose, facts.source_location, facts.source.line)]


def _is_last_year(facts: Facts, previous: Facts) -> bool:
    return (previous.agency_name == facts.agency_name and previous.year == facts.year - 1
            and previous.format is facts.format)


def load_facts(path: str | Path, *, previous: Facts | None = None, previous_required: bool = False,
               display_name: str | None = None) -> Facts:
    """Read, validate and check a facts file. Raises FactsError listing every problem at once;
    on success the returned Facts carries the warnings.

    `previous` is last year's facts, for the checks that compare years. If it is not the same
    agency's previous year it is an error when `previous_required` (the user named it), and is
    ignored otherwise (it was found beside this file)."""
    path = Path(path)
    facts, problems = read_facts(path, display_name)
    if facts is None:
        raise FactsError(problems)
    if any(p.is_error for p in problems):
        # The checks still run on every part that is valid: all the problems in one run, the
        # warnings too (nothing hidden behind an error).
        problems += format_checks(facts, None)
        problems += shared_checks(facts)
        if previous is not None and _is_last_year(facts, previous):
            # COPY masks the figures, so it holds with counts still to fill in (right after `new`).
            problems += copies.copied_from_last_year(facts, previous)
        raise FactsError(problems)
    if previous is not None and not _is_last_year(facts, previous):
        if previous_required:
            problems.append(facts.problem(
                "year",
                f"--previous 给的文件 {previous.source.name} 是“{previous.agency_name}”{previous.year} 年的报告，"
                f"而核对结转数需要“{facts.agency_name}”{facts.year - 1} 年的报告：请检查给的文件。",
                code="PREVIOUS"))
        previous = None
    facts.previous = previous
    if previous is not None:
        facts.references.update(yoy.values(facts.references, previous.references, facts.format.units(facts.data)))
        problems += year_over_year.jumps(facts, previous)
        problems += copies.copied_from_last_year(facts, previous)
    problems += year_over_year.unresolved(facts, previous)
    problems += format_checks(facts, previous)
    problems += shared_checks(facts)
    if any(p.is_error for p in problems):
        raise FactsError(problems)
    facts.warnings = sorted(problems, key=Problem.sort_key)
    return facts
