"""The pipeline through the check stage: a facts file read and validated (reportgen.model.facts),
then every check of the registry (reportgen.checks.registry) run on whatever is valid, last year's
file included when it is at hand.

`load_facts` raises FactsError with every problem of the file at once (warnings too: nothing is
hidden behind an error); `check` finds last year's file too (given, or beside this one) for the
checks that compare years, and is the library's `reportgen.check`. Findings are listed by their place
in the file (FactsError and `Facts.warnings` sort them).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import FactsError, Problem, unfinished
from ..load.input_hints import facts_stem
from ..model import yoy
from ..model.facts import Facts, read_facts
from ..model.local_rules import read_rules, resolve
from . import previous as last_year
from . import signing
from .registry import CHECKS


def run_checks(facts: Facts, previous: Facts | None, *, valid: bool = True) -> list[Problem]:
    """The findings of every check of the registry that applies to `facts`: its format's, and with
    last year's facts (`previous`, or None) those that compare years. On a file whose validation
    found errors (`valid` False) the checks that need every figure (Check.with_errors) are left out."""
    found: list[Problem] = []
    for check in CHECKS:
        if check.run is None or (check.formats and facts.format.name not in check.formats):
            continue
        if (check.previous and previous is None) or (not valid and not check.with_errors):
            continue
        found += check.run(facts, previous)
    return found


def _is_last_year(facts: Facts, previous: Facts) -> bool:
    return (previous.agency_name == facts.agency_name and previous.year == facts.year - 1
            and previous.format is facts.format)


def _local_rules(facts: Facts, rules: str | Path | None) -> list[Problem]:
    """Read the local rules file (`rules`, else the facts file's `local_rules:`) onto `facts.local_rules`;
    its problems (errors at the rules file's own line and column) are returned."""
    if rules is None and facts.data.get("local_rules"):
        rules = resolve(facts.path, facts.data["local_rules"])
    if rules is None:
        return []
    facts.local_rules, problems = read_rules(rules)
    if facts.local_rules is not None and facts.format.name != "national-2021":
        facts.notes.append(f"本地规则文件 {rules} 的要求（总体情况的小节、字数、数字和公布期限）只用于全国统一格式的报告，"
                           "这份报告没有按它检查。")
    return problems


def load_facts(path: str | Path, *, previous: Facts | None = None, previous_required: bool = False,
               display_name: str | None = None, rules: str | Path | None = None) -> Facts:
    """Read, validate and check a facts file. Raises FactsError listing every problem at once;
    on success the returned Facts carries the warnings.

    `previous` is last year's facts, for the checks that compare years. If it is not the same
    agency's previous year it is an error when `previous_required` (the user named it), and is
    ignored otherwise (it was found beside this file). `rules` is a local rules file
    (reportgen.model.local_rules) to apply, else the one the facts file names (`local_rules:`);
    a rules file with mistakes is an error, at its own line and column."""
    path = Path(path)
    facts, problems = read_facts(path, display_name)
    if facts is None:
        raise FactsError(problems)
    problems += _local_rules(facts, rules)
    if any(p.is_error for p in problems):
        # The checks still run on every part that is valid: all the problems in one run, the
        # warnings too (nothing hidden behind an error). COPY masks the figures, so it holds with
        # counts still to fill in (right after `new`).
        same = previous if previous is not None and _is_last_year(facts, previous) else None
        raise FactsError(problems + run_checks(facts, same, valid=False))
    if previous is not None and not _is_last_year(facts, previous):
        if previous_required:
            problems.append(last_year.not_last_year(facts, previous))
        previous = None
    facts.previous = previous
    if previous is not None:
        facts.references.update(yoy.values(facts.references, previous.references, facts.format.units(facts.data)))
    problems += run_checks(facts, previous)
    if signing.unchecked_note(facts):
        facts.notes.append(signing.unchecked_note(facts))
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
            return None, f"--previous 给的上一年度文件 {previous} {unfinished(exc.problems)}，没有用它", exc
    sibling = sibling_previous(facts_path)
    if sibling is None:
        return None, "没有找到上一年度的事实文件", None
    try:
        return load_facts(sibling), "", None
    except FactsError as exc:
        return None, f"旁边的上一年度文件 {sibling} {unfinished(exc.problems)}，没有用它", None


def check(facts_path: str | Path, *, previous: str | Path | None = None, rules: str | Path | None = None) -> Facts:
    """Validate and check a facts file. Raises FactsError with every problem (its `.blanks` are the
    values still to fill in, code "empty", apart from its `.errors`, the mistakes; both block the
    build); returns the facts (whose `.warnings` lists the warnings, and `.notes` what was not
    checked) when there is no error.

    Last year's facts (`previous`, or the same agency's previous-year file beside this one, see
    `sibling_previous`) enable the checks that compare years (CARRY, STOCK, JUMP, COPY). A `previous`
    file with errors is an error, listed with every finding of this year's file. `rules` is a local
    rules file (else the one the facts file names with `local_rules:`); last year's
    file is read without it."""
    prev, why, broken = _previous(facts_path, previous)
    try:
        facts = load_facts(facts_path, previous=prev, previous_required=bool(previous), rules=rules)
    except FactsError as exc:
        if broken is not None:
            raise FactsError([*exc.problems, last_year.broken(broken, why)]) from None
        if why.startswith("旁边"):
            exc.notes = [f"{why}，未做与上年比较的检查：可用 --previous 指定上一年度的文件。"]
        raise
    if broken is not None:
        raise FactsError([*facts.warnings, last_year.broken(broken, why, facts.format.year_checks)])
    if facts.previous is None:
        why = why or "旁边的上一年度文件不是同一机关上一年的"
        facts.notes.append(f"{why}，未做与上年比较的检查（{facts.format.year_checks}）："
                           "可用 --previous 指定上一年度的文件。")
    return facts
