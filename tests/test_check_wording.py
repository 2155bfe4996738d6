"""`check` of a published report speaks of the report — never of a facts file the reviewer never
wrote (its keys, 事实文件, 程序计算, 删去不填): every finding of every kind, on the import fixtures and
on reports with each slip and each reading problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from published_blocks import applications_table, overview, p, report, reviews_table

from reportgen.importer import recognize as rec
from reportgen.importer.document import Cell
from reportgen.importer.review import check_report

IMPORT = Path(__file__).parent / "fixtures" / "import"
FACTS_SPEAK = re.compile(r"[a-z_]{4,}|事实|程序计算|删去不填|--previous|\{|unsure|请逐项核对|重新生成")

CASES = {
    "no date, late-less page": report(signing=[]),
    "late": report(signing=[p("示例区人民政府", align="right"), p("2024年5月20日", align="right")]),
    "yearless date": report(signing=[p("示例区人民政府", align="right"), p("1月20日", align="right")]),
    "no fee, part six says nothing": report(six=[p("六、其他需要报告的事项", bold=True), p("无。")]),
    "fee said twice, differently": report(six=[p("六、其他需要报告的事项", bold=True),
                                               p("本年度未收取信息处理费。全年收取信息处理费350元。")]),
    "parts missing": report(overview_blocks=overview([])),
    "table not found": report(applications=[p("三、收到和处理政府信息公开申请情况", bold=True)]),
    "row total slip": report(applications=[p("三、收到和处理政府信息公开申请情况", bold=True), applications_table(
        {"carried_over": [Cell("22")] + [Cell("0")] * 5 + [Cell("2")]})]),
    "review total 0": report(reviews=[p("四、政府信息公开行政复议、行政诉讼情况", bold=True), reviews_table(
        [Cell(v) for v in "310101000000000"])]),
    "clean": report(),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_check_speaks_of_the_report(name: str, suffix: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(rec, "read_document", lambda path, **_: CASES[name])
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"")
    check = check_report(path)
    # 六、无。: no rule of the format asks 六 to state the 信息处理费 (statutory-format.md §2.1: "in
    # practice"), so a report that states none is no slip (the corpus's baishi-town-2021 and the 2019
    # jiangdong-province-office say only 无。); the facts file still says fee_sentence: false
    assert bool(check.findings) == (name not in ("clean", "no fee, part six says nothing")), \
        [f.format(path.name) for f in check.findings]
    for f in check.findings:
        assert not FACTS_SPEAK.search(f.message), f.format(path.name)
        assert f.kind in ("report", "unsure", "publication")


@pytest.mark.parametrize("path", sorted(p for p in IMPORT.iterdir() if p.suffix in (".docx", ".pdf", ".html", ".doc")))
def test_check_of_the_import_fixtures_speaks_of_the_report(path: Path) -> None:
    for f in check_report(path).findings:
        assert not FACTS_SPEAK.search(f.message), f.format(path.name)
