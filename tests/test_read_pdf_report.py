"""A whole national-format report as WPS and Word write the PDF (tests/pdf_report.py): import
finds every section, every table cell as typed, and `check` finds nothing (the figures add up).
The issue's WPS report lost all six headings, table 二 and table 四's header on the old reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_report import ACTIVE, AGENCY, APPS, OVERVIEW, REVIEWS, wps_report

from reportgen.api import check_report
from reportgen.model.formats import national_tables as T
from reportgen.importer import import_document
from reportgen.importer.document import Table
from reportgen.importer.read_pdf import read_pdf


@pytest.fixture(scope="module", params=["stroke", "fill"], ids=["WPS", "Word"])
def report(request, tmp_path_factory) -> Path:
    return wps_report(tmp_path_factory.mktemp("report") / f"{request.param}.pdf", rules=request.param)


def test_every_table_cell_reads_as_typed(report):
    data = import_document(report).data
    active = data["active_disclosure"]
    for key in ("regulations", "normative_documents"):
        assert [active[key][k] for k, _ in T.RULE_COLUMNS] == ACTIVE[key]
    assert (active["licensing"], active["penalty"], active["enforcement"], str(active["fees"])) == (1386, 93, 9, "42.15")
    apps = data["applications"]
    for key, values in APPS.items():
        group, _, item = key.partition(".")
        assert (apps[group][item] if item else apps[group]) == values, key
    for key, values in REVIEWS.items():
        assert [data["review_litigation"][key][k] for k, _ in T.OUTCOME_COLUMNS] == values, key


def test_every_section_and_part_is_found(report):
    imp = import_document(report)
    assert imp.data["agency"]["name"] == AGENCY and imp.data["year"] == 2025
    assert str(imp.data["signed"]) == "2026-01-20"
    for (_, text), (key, _) in zip(OVERVIEW, T.OVERVIEW_PARTS):
        assert imp.data["overview"][key], key
    assert imp.data["other_matters"] == ["本年度未收取信息处理费。"]
    assert not imp.warnings


def test_check_finds_nothing_in_a_report_whose_figures_add_up(report):
    assert check_report(report).findings == []


def test_table_three_over_the_page_break_is_one_table_with_its_merged_labels(report):
    [_, apps, _] = [b for b in read_pdf(report) if isinstance(b, Table)]
    assert len(apps.rows) == 3 + len(T.ALL_APP_ROWS)  # three header rows, once; the 25 printed rows
    results = {id(row[0]) for row in apps.rows[5:27]}
    assert len(results) == 1 and apps.rows[5][0].text == T.RESULTS_LABEL  # merged over 22 rows, across the break
    assert not any(c.unsure for row in apps.rows for c in row)
