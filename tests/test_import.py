"""Import: build → import → build gives the same report, line for line and cell for cell, from
.docx, from the project's own web page, from PDF and from a .docx re-saved by LibreOffice; reports
the project did not build (tests/fixtures/import, see make_fixtures.py) import into facts files
that build the same report, except where the published report had a slip (said per case)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from reportgen import build_report
from reportgen.importer import import_document
from reportgen.importer.references import figures_to_references, requests_from_text
from reportgen.importer.write import facts_text
from reportgen.publish.libreoffice import convert_files
from reportgen.publish.pdf import convert_to_pdf

from conftest import DATA, FIXTURES, import_fixture_module

IMPORT = FIXTURES / "import"
# every example and every valid fixture, real-report ones included
EXAMPLES = sorted(DATA.glob("*.yaml")) + sorted((FIXTURES / "real").glob("*.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml"))




def lines(document) -> list:  # type: ignore[no-untyped-def]
    """What a reader sees, read with python-docx (independent of the importer): each non-empty
    paragraph's text, and each table as its grid of cell texts (merged cells repeated), in body
    order. Leading centred paragraphs that make up the title are one line, as the title is."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            text = Paragraph(child, document).text.replace("\n", "")
            if text.strip():
                out.append(text)
        elif child.tag.endswith("}tbl"):
            out.append([[c.text for c in row.cells] for row in Table(child, document).rows])
    while len(out) > 1 and isinstance(out[0], str) and not out[0].endswith("报告") and isinstance(out[1], str) \
            and out[1].endswith("报告"):
        out[:2] = [out[0] + out[1]]
    return out


def squeeze(items: list) -> list:  # type: ignore[type-arg]
    """Up to whitespace (spaces typed inside labels, 总  计)."""
    def s(text: str) -> str:
        return "".join(text.split())

    return [s(x) if isinstance(x, str) else [[s(c) for c in row] for row in x] for x in items]


def rebuild(report: Path, folder: Path) -> tuple[Path, list[str]]:
    """Import a report, write its facts file and build it again: the new .docx and the warnings."""
    imported = import_document(report)
    requests_from_text(imported)  # as `reportgen import` does
    figures_to_references(imported)
    facts = folder / (report.stem + ".imported.yaml")
    facts.write_text(facts_text(imported), encoding="utf-8")
    out = build_report(facts, folder / (report.stem + ".rebuilt.docx")).output
    return out, imported.warnings


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each example built as .docx and .html, all converted to PDF in one LibreOffice call, and
    each .docx re-saved by LibreOffice as .docx."""
    from reportgen.api import write_html
    from reportgen.checks.run import load_facts

    folder = tmp_path_factory.mktemp("built")
    out: dict[str, dict[str, Path]] = {}
    for facts in EXAMPLES:
        docx_path = build_report(facts, folder / f"{facts.stem}.docx").output
        html = write_html(load_facts(facts), folder / f"{facts.stem}.html")
        out[facts.stem] = {"docx": docx_path, "html": html}
    pdfs = convert_to_pdf([v["docx"] for v in out.values()], folder / "pdf")
    resaved = convert_files([v["docx"] for v in out.values()], folder / "resaved", "docx:MS Word 2007 XML")
    for (name, v), pdf, again in zip(out.items(), pdfs, resaved):
        v["pdf"], v["resaved"] = pdf, again
    return out


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
@pytest.mark.parametrize("kind", ["docx", "html", "pdf", "resaved"])
def test_build_import_build_gives_the_same_report(built, example: str, kind: str, tmp_path: Path) -> None:
    original = built[example]["docx"]
    again, _ = rebuild(built[example][kind], tmp_path)
    assert lines(docx.Document(str(again))) == lines(docx.Document(str(original)))
    # and importing the rebuilt report gives the same facts file again (but for its first line)
    first = (tmp_path / f"{built[example][kind].stem}.imported.yaml").read_text(encoding="utf-8")
    reimported = import_document(again)
    requests_from_text(reimported)
    figures_to_references(reimported)
    second = facts_text(reimported)
    assert second.splitlines()[1:] == first.splitlines()[1:]


# -- reports the project did not build -------------------------------------------------------------

@pytest.fixture(scope="module")
def makers():  # type: ignore[no-untyped-def]
    return import_fixture_module("make_fixtures")


def _expected(makers, name: str) -> list:  # type: ignore[no-untyped-def, type-arg]
    make, _ = makers.REPORTS[name]
    return squeeze(lines(make()))


def _cell_fix(expected: list, table: int, row: int, col: int, value: str) -> None:  # type: ignore[type-arg]
    tables = [x for x in expected if isinstance(x, list)]
    tables[table][row][col] = value


def test_a_district_report_typed_by_hand_rebuilds_equal(makers, tmp_path: Path) -> None:
    again, warnings = rebuild(IMPORT / "qu-zhengfuban-2023.docx", tmp_path)
    assert warnings == []
    assert squeeze(lines(docx.Document(str(again)))) == _expected(makers, "qu-zhengfuban-2023")


def test_a_tax_bureau_report_rebuilds_equal_but_for_its_two_slips(makers, tmp_path: Path) -> None:
    from reportgen import FactsError

    with pytest.raises(FactsError) as found:
        rebuild(IMPORT / "shuiwu-2023.docx", tmp_path)
    # The typed 总计 that does not add up is kept in the facts file, so its check names it at once …
    assert [p.code for p in found.value.problems if p.is_error] == ["REVIEWTOTAL"]
    facts = tmp_path / "shuiwu-2023.imported.yaml"
    text = facts.read_text(encoding="utf-8")
    assert "review: {upheld: 6, corrected: 2, other: 1, pending: 2, total: 0}" in text
    # … and once the clerk deletes it, the report builds.
    facts.write_text(text.replace(", total: 0}", "}"), encoding="utf-8")
    again = build_report(facts, tmp_path / "again.docx").output
    warnings = import_document(IMPORT / "shuiwu-2023.docx").warnings
    expected = _expected(makers, "shuiwu-2023")
    # The published slips, corrected by the rebuild: 行政复议 总计 typed 0 is printed as its sum
    # 6 + 2 + 1 + 2 = 11; the miscopied label 「只计这一情况」 is printed as the format's 「只计这一情形」.
    _cell_fix(expected, 2, 3, 4, "11")
    tables = [x for x in expected if isinstance(x, list)]
    tables[1][6][1] = tables[1][6][2] = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert squeeze(lines(docx.Document(str(again)))) == expected
    assert any("只计这一情况" in w for w in warnings)


def test_a_pdf_with_blanks_rebuilds_with_zeros(makers, tmp_path: Path) -> None:
    again, warnings = rebuild(IMPORT / "tongjiju-2023.pdf", tmp_path)
    expected = _expected(makers, "tongjiju-2023")
    # The published tables leave blanks (and “/” for 规章) where the format asks for 0.
    expected = [[[("0" if c in ("", "/") else c) for c in row] for row in x] if isinstance(x, list) else x
                for x in expected]
    assert squeeze(lines(docx.Document(str(again)))) == expected
    assert any("150 个格子是空白" in w for w in warnings)


def test_a_doc_with_the_old_one_row_other_handling_rebuilds_in_the_2021_layout(makers, tmp_path: Path) -> None:
    again, warnings = rebuild(IMPORT / "jiedao-2024.doc", tmp_path)
    got = squeeze(lines(docx.Document(str(again))))
    expected = _expected(makers, "jiedao-2024")
    assert [x for x in got if isinstance(x, str)] == [x for x in expected if isinstance(x, str)]
    apps = [x for x in got if isinstance(x, list)][1]
    # The one （六）其他处理 row (1 自然人) is read as 3.其他; 1. and 2. are 0.
    assert apps[25][1:] == ["（六）其他处理", "3.其他", "1", "0", "0", "0", "0", "0", "1"]
    assert apps[23][3:] == apps[24][3:] == ["0"] * 7
    assert any("只有一行" in w for w in warnings)


def test_a_narrative_2012_report_rebuilds_equal(makers, tmp_path: Path) -> None:
    again, warnings = rebuild(IMPORT / "wenguangju-2012.docx", tmp_path)
    assert warnings == []
    assert squeeze(lines(docx.Document(str(again)))) == _expected(makers, "wenguangju-2012")
    facts = yaml.safe_load((tmp_path / "wenguangju-2012.imported.yaml").read_text(encoding="utf-8"))
    assert facts["format"] == "narrative-2011" and facts["signed"].isoformat() == "2013-03-15"
    assert facts["sections"][6]["subsections"][0]["paragraphs"][0]["inline_points"][0] == "各股室信息报送与公众的需求还存在差距。"
    # Items typed as 1.……。 2.……，……。 are numbered body text, not headings: points in the style 1.
    points = facts["sections"][6]["subsections"][1]["paragraphs"][0]
    assert points["style"] == "1." and points["points"][0] == "切实抓好各股室信息报送工作。不断提高社会公众对政务信息的知晓率。"
    assert len(points["points"]) == 3


def test_a_cms_page_rebuilds_its_text_and_tables(tmp_path: Path) -> None:
    page = import_fixture_module("cms_page")
    again, warnings = rebuild(IMPORT / "xiangyang-cms-2023.html", tmp_path)
    assert warnings == []
    got = lines(docx.Document(str(again)))
    texts = [x for x in got if isinstance(x, str)]
    expected = ([page.TITLE] + [t for _, t in page.BODY]
                + ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
                + [t for _, t in page.CLOSING] + ["北山区人民政府办公室", "2024年1月19日"])
    assert texts == expected
    active, apps, reviews = [x for x in got if isinstance(x, list)]
    assert active[3] == ["行政规范性文件", "1", "2", "9"]
    assert apps[3][3:] == ["3", "0", "0", "0", "0", "0", "3"]
    assert apps[15][2:] == ["1.本机关不掌握相关政府信息", "1", "0", "0", "0", "0", "0", "1"]
    assert apps[26][3:] == ["3", "0", "0", "0", "0", "0", "3"]
    assert reviews[3] == ["0"] * 15


def test_the_fixtures_script_makes_what_is_committed(makers) -> None:
    """The committed .docx fixtures hold what the script makes (text and tables)."""
    for name, (make, suffix) in makers.REPORTS.items():
        if suffix == ".docx":
            assert lines(docx.Document(str(IMPORT / f"{name}.docx"))) == lines(make())


# -- any facts file -------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_properties import facts_files, write  # noqa: E402


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(facts_files())
def test_any_valid_facts_file_survives_build_import_build(facts) -> None:  # type: ignore[no-untyped-def]
    _survives_round_trip(facts)


def _survives_round_trip(facts: dict) -> None:
    """Build the facts, import the report, build again: the same lines."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = build_report(write(facts, folder), folder / "first.docx").output
        again, _ = rebuild(first, folder)
        assert lines(docx.Document(str(again))) == lines(docx.Document(str(first)))


@st.composite
def national_facts(draw):  # type: ignore[no-untyped-def]
    """The national example with random tables (balanced, so the facts are valid) and random text."""
    from test_properties import text

    facts = yaml.safe_load((DATA / "example-2025.yaml").read_text(encoding="utf-8"))
    row = st.lists(st.integers(0, 300), min_size=6, max_size=6)
    apps = facts["applications"]
    results = [0] * 6
    for key, value in apps.items():
        if isinstance(value, dict):
            for item in value:
                value[item] = draw(row)
                results = [a + b for a, b in zip(results, value[item])]
        elif key in ("granted", "partially_granted"):
            apps[key] = draw(row)
            results = [a + b for a, b in zip(results, apps[key])]
    carried_over, forward = draw(row), draw(row)
    new = [r + f - c for r, f, c in zip(results, forward, carried_over)]
    apps["carried_over"] = [c + max(0, -n) for c, n in zip(carried_over, new)]
    apps["new"], apps["carried_forward"] = [max(0, n) for n in new], forward
    for key in facts["review_litigation"]:
        facts["review_litigation"][key] = dict(zip(("upheld", "corrected", "other", "pending"), draw(
            st.lists(st.integers(0, 50), min_size=4, max_size=4))))
    active = facts["active_disclosure"]
    for key in ("regulations", "normative_documents"):
        active[key] = dict(zip(("issued", "repealed", "in_force"), draw(st.lists(st.integers(0, 99), min_size=3, max_size=3))))
    for key in ("licensing", "penalty", "enforcement"):
        active[key] = draw(st.integers(0, 99999))
    active["fees"] = f"{draw(st.integers(0, 9999))}.{draw(st.integers(0, 99)):02d}"
    paragraphs = st.lists(st.one_of(text(1, 60), st.fixed_dictionaries(
        {"points": st.lists(text(1, 40), min_size=1, max_size=3)})), max_size=2)
    for part in ("intro", "active", "requests", "management", "platforms", "oversight"):
        facts["overview"][part] = draw(paragraphs)
    facts["problems"], facts["other_matters"] = draw(paragraphs), draw(paragraphs)
    facts["processing_fee"] = draw(st.integers(0, 5000))
    facts["agency"]["name"] = draw(text(2, 20))
    return facts


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(national_facts())
def test_any_national_facts_file_survives_build_import_build(facts) -> None:  # type: ignore[no-untyped-def]
    _survives_round_trip(facts)


def test_typed_table_figures_become_references(built, tmp_path: Path) -> None:
    """The national example's text names its figures by reference; printed and imported, the typed
    figures that agree with the tables are references again (the same recognition as TEXT)."""
    imported = import_document(built["example-2025"]["docx"])
    assert figures_to_references(imported) >= 15
    requests = imported.data["overview"]["requests"][0]
    assert requests.startswith("全年新收政府信息公开申请{applications.new.total}件，上年结转{applications.carried_over.total}件。")
    # The example prints {processing_fee_statement} for a fee of 0: words, no figure to turn back into a reference.
    assert imported.data["other_matters"] == ["本年度未收取信息处理费。我局无其他需要报告的事项。"]
    # a report whose facts have an error (shuiwu's typed 总计 0) has no known figures: all stay typed
    shuiwu = import_document(IMPORT / "shuiwu-2023.docx")
    assert figures_to_references(shuiwu) == 0
    assert "全年收到政府信息公开申请25件" in str(shuiwu.data["overview"]["requests"])


def test_a_typed_figure_that_disagrees_stays_typed(makers, tmp_path: Path) -> None:
    doc = makers.qu_zhengfuban_2023()
    for p in doc.paragraphs:
        if "全年新收政府信息公开申请36件" in p.text:
            p.runs[0].text = p.runs[0].text.replace("36件", "63件")
    doc.save(tmp_path / "qu.docx")
    imported = import_document(tmp_path / "qu.docx")
    figures_to_references(imported)
    requests = str(imported.data["overview"]["requests"])
    assert "全年新收政府信息公开申请63件" in requests  # the table says 36: TEXT reports it
    active = str(imported.data["overview"]["active"])
    assert "全年主动公开政府信息1256条" in active  # not a table figure: typed


def test_a_narrative_report_s_request_figures_become_its_requests_block(built) -> None:
    """2008-era reports state 依申请公开 in prose; the figures become `requests` and the text names them."""
    imported = import_document(built["narrative-requests-2013"]["docx"])
    assert requests_from_text(imported) >= 10
    assert imported.data["requests"]["received"] == 15 and imported.data["requests"]["granted"] == 9
    assert "全年受理政府信息公开申请{requests.received}件" in str(imported.data["sections"])
    assert list(imported.data).index("requests") < list(imported.data).index("intro")
