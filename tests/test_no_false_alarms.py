"""False alarms count as failures. Every example and fixture report is checked as it is (no TEXT, FEE or
COPY finding), and again with every numeric {reference} replaced by the number it prints — the way
most clerks type — which by construction agrees with its figure, so any TEXT or FEE finding there is
a false alarm."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.api import check
from reportgen.errors import FactsError
from reportgen.checks.run import load_facts

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted([*ROOT.glob("data/*.yaml"), *ROOT.glob("tests/fixtures/valid/*.yaml"),
                  *ROOT.glob("tests/fixtures/real/*.yaml")])
REVIEWER_CHECKS = ("TEXT", "FEE", "COPY", "FORMAT", "FILENAME", "DEADLINE", "INVISIBLE", "REQUESTS")


def _problems(path: Path):
    try:
        return check(path).warnings  # with last year's file beside it, when there is one (COPY)
    except FactsError as exc:
        return exc.problems


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_reports_as_they_are(path):
    assert [p.format() for p in _problems(path) if p.code in REVIEWER_CHECKS] == []


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_reports_with_their_figures_typed(path, tmp_path):
    values = load_facts(path).references

    def typed(m: re.Match[str]) -> str:
        name = m.group(1).strip()
        value = values.get(name)
        if value is None or name in ("year", "next_year") or not re.fullmatch(r"\d+(\.\d+)?", value):
            return m.group(0)
        return value

    text = re.sub(r"\{([^{}\n]*)\}", typed, path.read_text(encoding="utf-8"))
    copy = tmp_path / path.name
    copy.write_text(text, encoding="utf-8")
    assert [p.format() for p in _problems(copy) if p.code in ("TEXT", "FEE")] == []
