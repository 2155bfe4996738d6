"""Issue 18's "done when", measured on the published corpus (tests/fixtures/published/).

Each corpus file is a report as an agency publishes it (a PDF printed by WPS or by Word, a clerk's
.docx, a .doc, a .wps, a page saved from a government site), with its expected reading typed and
checked by hand beside it (NAME.expected.txt; the format is in that folder's README.md). The
scorer is tests/published.py (`python tests/published.py -v` prints the same figures per file).

These tests were written before the reader and the recognizer that should pass them: on the code
of the day they were written most of them fail (see the README's "before" table). They are not
to be weakened: a line the reader may miss, or a finding a report may draw, is named here with
the reason, never skipped."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import published as P  # noqa: E402

CORPUS = P.corpus()
NAMES = [path.name for path, _ in CORPUS]
BY_NAME = {path.name: (path, exp) for path, exp in CORPUS}
VARIANTS = sorted((P.CORPUS / "variants").glob("*.pdf"))
SCAN = P.CORPUS / "qingping-county-2023-scan.pdf"
LOCKED = P.CORPUS / "chengling-county-office-2023-locked.pdf"

# file → expected paragraphs the reader may miss, each with the reason (none so far).
MAY_MISS: dict[str, dict[str, str]] = {}


@functools.lru_cache(maxsize=None)
def scored(name: str) -> P.Score:
    path, exp = BY_NAME[name]
    return P.score(path, exp)


# -- the corpus itself ---------------------------------------------------------------------------

def test_the_corpus_has_what_the_issue_asks_for():
    forms = {exp.fields["form"].split("，")[0].split("（")[0].strip() for _, exp in CORPUS}
    suffixes = {path.suffix for path, _ in CORPUS}
    years = {int(exp.get("year")) for _, exp in CORPUS}
    assert len(CORPUS) >= 12
    assert suffixes == {".pdf", ".docx", ".doc", ".wps", ".html"}
    assert {"PDF"} <= forms
    creators = {exp.fields["form"] for _, exp in CORPUS if exp.fields["form"].startswith("PDF")}
    assert any("WPS" in c for c in creators) and any("Word" in c for c in creators)
    assert min(years) <= 2012 and 2019 in years and max(years) >= 2023
    assert len({exp.get("kind") for _, exp in CORPUS}) >= 10
    assert len(VARIANTS) >= 5 and len({v.name.split(".")[0] for v in VARIANTS}) >= 3
    assert SCAN.is_file() and LOCKED.is_file()


def _numbers(values: list[str]) -> list[float]:
    from reportgen.importer.document import number_text

    return [float(number_text(v) or 0) for v in values]


def _rule_breaks(exp) -> set[str]:  # type: ignore[no-untyped-def]
    """The format's rules (statutory-format.md §3) checked by hand-written arithmetic on the
    expected tables, blanks counted as 0: which of them the printed figures break."""
    broken = set()
    t3, t4 = exp.table("表三"), exp.table("表四")
    if t3:
        rows = [(labels[-1] if labels else "", _numbers(values)) for _, labels, values in P._expected_rows(t3)
                if len(values) == 7]
        find = {label: nums for label, nums in rows}
        new = next(n for label, n in rows if label.startswith("一、"))
        carried = next(n for label, n in rows if label.startswith("二、"))
        total = find["（七）总计"]
        forward = next(n for label, n in rows if label.startswith("四、"))
        results = [n for label, n in rows[rows.index(("二、上年结转政府信息公开申请数量", carried)) + 1:]
                   if label != "（七）总计" and not label.startswith("四、")]
        if any(abs(new[c] + carried[c] - total[c] - forward[c]) > 1e-9 for c in range(7)):
            broken.add("BALANCE")
        if any(abs(sum(n[:6]) - n[6]) > 1e-9 for _, n in rows):
            broken.add("ROWTOTAL")
        if any(abs(sum(n[c] for n in results) - total[c]) > 1e-9 for c in range(7)):
            broken.add("RESULTS")
    if t4:
        data = _numbers(P._expected_rows(t4)[-1][2])
        if any(abs(sum(data[i:i + 4]) - data[i + 4]) > 1e-9 for i in (0, 5, 10)):
            broken.add("REVIEWTOTAL")
    return broken


@pytest.mark.parametrize("name", NAMES)
def test_expected_tables_obey_the_format_except_the_slips_they_list(name):
    _, exp = BY_NAME[name]
    listed = {slip.split("|")[0].split("[")[0] for slip, _ in exp.slips}
    assert _rule_breaks(exp) == listed & {"BALANCE", "ROWTOTAL", "RESULTS", "REVIEWTOTAL"}


def test_regenerating_the_corpus_gives_the_same_bytes(tmp_path):
    sys.path.insert(0, str(P.CORPUS))
    import make_published

    written = make_published.make(tmp_path)
    assert len(written) >= len(CORPUS) + 2 + len(VARIANTS)
    for path in written:
        committed = P.CORPUS / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), f"{committed.name} differs from a fresh make"


# -- reading and checking: the "done when" --------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_every_paragraph_is_read_and_nothing_else(name):
    s = scored(name)
    assert not s.error
    allowed = MAY_MISS.get(name, {})
    unexplained = [line for line in s.missing_lines if line not in allowed]
    assert s.line_share >= 0.98 and not unexplained, f"{len(unexplained)} paragraphs not read: {unexplained[:3]}"
    assert not s.extra_lines, f"read but not in the report (page numbers, headers, cut paragraphs): {s.extra_lines[:5]}"


@pytest.mark.parametrize("name", NAMES)
def test_every_table_cell_is_read(name):
    s = scored(name)
    assert not s.wrong, s.wrong[:5]
    assert not s.missing, s.missing[:5]
    assert not s.unsure, s.unsure[:5]
    assert s.labels_found == s.labels


@pytest.mark.parametrize("name", NAMES)
def test_the_facts_file_holds_every_number_of_the_tables(name):
    s = scored(name)
    assert not s.facts_wrong, s.facts_wrong[:5]
    assert not s.facts_unsure, s.facts_unsure[:5]


@pytest.mark.parametrize("name", NAMES)
def test_title_agency_year_and_date_are_found(name):
    s = scored(name)
    assert not s.meta_wrong, {k: s.meta[k] for k in s.meta_wrong}


@pytest.mark.parametrize("name", NAMES)
def test_check_finds_every_slip_and_gives_no_false_alarm(name):
    s = scored(name)
    assert not s.slips_missed, s.slips_missed
    assert not s.false_alarms, s.false_alarms


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_a_perturbed_pdf_gives_every_number_right_or_unsure_never_wrong(variant):
    base = variant.name.split(".")[0]
    _, exp = BY_NAME[f"{base}.pdf"]
    s = P.score(variant, exp, check=False)
    if s.error:  # refusing the file is allowed; reading it wrong is not
        return
    assert not s.wrong, f"wrong numbers in silence (block reader): {s.wrong[:5]}"
    assert not s.missing, f"numbers not read and not marked: {s.missing[:5]}"
    # the facts file: a number is right, or the import marked it (until the facts file has its own
    # unsure mark, a "# 导入：" note on the value's path is that mark)
    assert not s.facts_wrong, f"wrong numbers in silence (facts file): {s.facts_wrong[:5]}"
    zeros = [u for u in s.facts_unsure if "按 0 填写" in u]  # "not found, written as 0" is no mark: a table not read is an error
    assert not zeros, zeros[:5]


def test_a_scan_is_refused_by_import_and_reported_by_check():
    from reportgen.api import check_report
    from reportgen.importer import ReadError, import_document

    with pytest.raises(ReadError) as refused:
        import_document(SCAN)
    assert "扫描" in str(refused.value)
    findings = check_report(SCAN).findings
    assert any("扫描" in f.message for f in findings), [f.message for f in findings]


def test_a_locked_pdf_is_refused_with_a_password_message():
    from reportgen.api import check_report
    from reportgen.importer import ReadError, import_document

    with pytest.raises(ReadError) as refused:
        import_document(LOCKED)
    assert "有密码" in str(refused.value)
    assert "PDFPassword" not in str(refused.value)
    assert any("有密码" in f.message for f in check_report(LOCKED).findings)
