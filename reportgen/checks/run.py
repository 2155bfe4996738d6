"""The pipeline through the check stage: a facts file read and validated (reportgen.model.facts),
then every check run on whatever is valid, last year's file included when it is at hand.

`load_facts` raises FactsError with every problem of the file at once (warnings too: nothing is
hidden behind an error); `check` finds last year's file too (given, or beside this one) for the
checks that compare years, and is the library's `reportgen.check`. The checks themselves are functions of this package: each format's own
(FORMAT_CHECKS: national.checks, narrative.checks), those every format shares (`shared_checks`),
and the comparisons with last year (year_over_year, copies). Findings are listed by their place in
the file (FactsError and `Facts.warnings` sort them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import FactsError, Problem
from ..load.input_hints import facts_stem
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


# -- last year's file -----------------------------------------------------------------------------

def sibling_previous(facts_path: str | Path) -> Path | None:
    """Last year's file beside this one: the same name with its year one less
    (example-2025.yaml → example-2024.yaml), if it exists; with this file's ending first, else
    .yaml, .yml or Notepad's .yaml.txt (`new` writes 名称-2026.yaml from 名称-2025.yaml.txt)."""
    path = Path(facts_path)
    name = facts_stem(path)
    years = list(re.finditer(r"(?<!\d)(19|20)\d\d(?!\d)", name))
    if not years:
        return None
    m = years[-1]
    stem = name[: m.start()] + str(int(m.group(0)) - 1) + name[m.end():]
    ending = path.name[len(name):]
    for suffix in dict.fromkeys((ending, ".yaml", ".yml", ".yaml.txt", ".yml.txt")):
        candidate = path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def _previous(facts_path: str | Path, previous: str | Path | None) -> tuple[Facts | None, str, FactsError | None]:
    """Last year's facts: the file given with --previous, else the sibling file (used only if it
    loads cleanly; load_facts drops it unless it is the same agency's previous year). The second
    item says why there is none, when it matters; the third is the error of a --previous file that
    did not load (this year's file is still checked in full)."""
    if previous:
        try:
            return load_facts(previous), "", None
        except FactsError as exc:
            errors = sum(1 for p in exc.problems if p.is_error)
            return None, f"--previous 给的上一年度文件 {previous} 有 {errors} 个错误，没有用它", exc
    sibling = sibling_previous(facts_path)
    if sibling is None:
        return None, "没有找到上一年度的事实文件", None
    try:
        return load_facts(sibling), "", None
    except FactsError as exc:
        errors = sum(1 for p in exc.problems if p.is_error)
        return None, f"旁边的上一年度文件 {sibling} 有 {errors} 个错误，没有用它", None


def _broken_previous(exc: FactsError, why: str, year_checks: str = "") -> Problem:
    """The error a --previous file with errors gives: named once, with its first problem, beside
    this year's findings (never instead of them)."""
    first = next(p for p in exc.problems if p.is_error)
    which = f"（{year_checks}）" if year_checks else ""
    return Problem(first.location, f"{why}，未做与上年比较的检查{which}。它的第一个错误：{first.message}"
                   "请先改正它（reportgen check 上一年度文件）。", "", "", code="PREVIOUS",
                   source_line=first.source_line)


def check(facts_path: str | Path, *, previous: str | Path | None = None) -> Facts:
    """Validate and check a facts file. Raises FactsError with every problem; returns the facts
    (whose `.warnings` lists the warnings, and `.notes` what was not checked) when there is no error.

    Last year's facts (`previous`, or the same agency's previous-year file beside this one, see
    `sibling_previous`) enable the checks that compare years (CARRY, STOCK, JUMP, COPY). A `previous`
    file with errors is an error, listed with every finding of this year's file."""
    prev, why, broken = _previous(facts_path, previous)
    try:
        facts = load_facts(facts_path, previous=prev, previous_required=bool(previous))
    except FactsError as exc:
        if broken is not None:
            raise FactsError([*exc.problems, _broken_previous(broken, why)]) from None
        if why.startswith("旁边"):
            exc.notes = [f"{why}，未做与上年比较的检查：可用 --previous 指定上一年度的文件。"]
        raise
    if broken is not None:
        raise FactsError([*facts.warnings, _broken_previous(broken, why, facts.format.year_checks)])
    if facts.previous is None:
        why = why or "旁边的上一年度文件不是同一机关上一年的"
        facts.notes.append(f"{why}，未做与上年比较的检查（{facts.format.year_checks}）："
                           "可用 --previous 指定上一年度的文件。")
    return facts
