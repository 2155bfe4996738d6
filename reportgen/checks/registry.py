"""The registry: every check, in the order `load_facts` runs them, each one line. It is the only
list of the rules: the check of a facts file (reportgen.checks.run), the check of a published report
(reportgen.importer.review), `reportgen rules` and the guides' rule tables all read it.

A check's findings are listed by their place in the file (FactsError and `Facts.warnings` sort
them); this order decides only between findings at the same place. The checks declared last have
no function here: their findings are made while validating, by `build --pdf`, by the comparison
with last year's file, or by the import of a published report (see each module).

To add a rule: write its module (its `Rule`s, its `check(facts, previous)`, its `CHECK`), add one
line below, and run scripts/make_docs.py (docs/maintainers.md, “How to add a rule”).
"""

from __future__ import annotations

from . import (
    attachments, balance, carry, copies, fee, figures, glyphs, hash_cut, imported, jumps, levels, lint, local,
    measures, no_previous, none_said, oversight, parts, previous, punctuation, region, relations, repeated,
    requests, rulemaking, series, signing, stock, text_figures, totals, typed_year, unsure, validation, year_zero,
    years,
)
from . import old_year
from .rule import Check, Family, Rule

CHECKS: tuple[Check, ...] = (
    jumps.CHECK,  # JUMP
    copies.CHECK,  # COPY
    no_previous.CHECK,  # no-previous
    signing.CHECK,  # SIGNED, DEADLINE
    totals.CHECK,  # ROWTOTAL, RESULTS, REVIEWTOTAL
    balance.CHECK,  # BALANCE
    rulemaking.CHECK,  # RULEMAKING
    carry.CHECK,  # CARRY
    stock.CHECK,  # STOCK
    figures.CHECK,  # FIGURE
    attachments.CHECK,  # TABLETOTAL, TABLESHAPE
    unsure.CHECK,  # UNSURE
    parts.CHECK,  # PART
    oversight.CHECK,  # OVERSIGHT
    region.CHECK,  # REGION
    measures.CHECK,  # VAGUE, FOLLOWUP
    levels.CHECK,  # LEVELS
    fee.CHECK,  # FEE
    requests.CHECK,  # REQUESTS
    text_figures.CHECK,  # TEXT
    relations.CHECK,  # SUM, SHARE, RATE, ANSWERED
    none_said.CHECK,  # NONE
    repeated.CHECK_TWICE,  # TWICE
    repeated.CHECK_LASTYEAR,  # LASTYEAR
    years.CHECK,  # FORMAT, FILENAME
    punctuation.CHECK,  # PUNCT
    year_zero.CHECK,  # YEARZERO
    old_year.CHECK,  # OLDYEAR
    series.CHECK,  # SERIES
    lint.CHECK,  # LOSTITEM, HEADNUM
    hash_cut.CHECK,  # HASHCUT
    local.CHECK,  # LOCALPART, LOCALLENGTH, LOCALFIGURE, LOCALDEADLINE (a local rules file)
    # made elsewhere:
    validation.CHECK,  # INVISIBLE, date-zero, title-line
    previous.CHECK,  # PREVIOUS
    glyphs.CHECK,  # GLYPH
    imported.CHECK,  # READ, SCAN, IMPORT, TABLE, INTERNAL
    typed_year.CHECK,  # typed-year
)

FAMILIES: tuple[Family, ...] = validation.FAMILIES

RULES: dict[str, Rule] = {rule.code: rule for check in CHECKS for rule in check.rules}
_FAMILY_OF: dict[str, Family] = {code: family for family in FAMILIES for code in family.codes}


def rule(code: str) -> Rule | None:
    """The rule of a finding's code (BALANCE, date-zero …); None for a code of a family or unknown."""
    return RULES.get(code)


def family(code: str) -> Family | None:
    """The family of a lower-case code of how a facts file is written (unknown-field …), or None."""
    return _FAMILY_OF.get(code)


def find(code: str) -> Rule | Family | None:
    """A rule or family by its code, whatever its case (balance finds BALANCE); None when unknown."""
    for known in (code, code.upper(), code.lower()):
        if known in RULES:
            return RULES[known]
        if known in _FAMILY_OF:
            return _FAMILY_OF[known]
    return None


def rule_codes() -> list[str]:
    """Every code `find` knows, as written: the rules' (BALANCE) and the families' (syntax …)."""
    return [*RULES, *_FAMILY_OF]


def report_rules() -> list[Rule]:
    """The rules a published report gets, in registry order."""
    return [r for r in RULES.values() if r.report is not None]
