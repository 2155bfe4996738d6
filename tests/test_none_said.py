"""NONE (issue 22): a sentence saying there were none — no 政府信息公开申请 received, no 行政复议, no 行政诉讼 —
while the table counts some this year.

Found while following the README: a clerk who keeps last year's 「全年未收到政府信息公开申请。」 while table 三
now has new requests got no word from `check`. The slips are typed into tests/fixtures/slips/none-2025.yaml
(data/example-2025.yaml with real reports' wordings: table 三 new 79, table 四 行政复议 6, 行政诉讼 2 + 1);
each is found at the claim's line and column (counted by hand below), and the same findings appear when the
file is built into a .docx, .html and .pdf and checked as a published report. No correct facts file and no
published report of the corpus gets a NONE finding (tests/published.py counts NONE as a content finding:
tests/test_published_corpus.py fails on a false one).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_relations import build_published

from reportgen.checks.run import check
from reportgen.errors import FactsError
from reportgen.importer.review import check_report
from reportgen.model.none_claims import LITIGATION, REQUESTS, REVIEW, claims

ROOT = Path(__file__).resolve().parents[1]
SLIPS = ROOT / "tests/fixtures/slips/none-2025.yaml"
# the no-false-alarm set of tests/test_relations.py
CORRECT = sorted({*ROOT.glob("data/*.yaml"), *ROOT.glob("tests/fixtures/real/*.yaml"),
                  *ROOT.glob("tests/fixtures/valid/**/*.yaml"), *ROOT.glob("tests/fixtures/reviewer/clean-*.yaml")})


def _kinds(text: str, year: int | None = 2025) -> list[tuple[str, str]]:
    return [(c.about, c.typed) for c in claims(text, year)]


# -- the model: which clauses say "none" -------------------------------------------------------------

def test_claims_of_no_requests_in_real_wordings() -> None:
    # 望川路街道 2025, 通溪医院 2021, 白石镇 2021 (their tables are all 0, so no finding there)
    assert _kinds("2025年度，沣河新区望川路街道办事处未收到政府信息公开申请。") == [(REQUESTS, "未收到政府信息公开申请")]
    assert _kinds("截至目前,医院未收到公民、法人或其他组织提出的政府信息公开申请。") == [
        (REQUESTS, "未收到公民、法人或其他组织提出的政府信息公开申请")]
    assert _kinds("全年没有收到申请。") == [(REQUESTS, "没有收到申请")]
    assert _kinds("本年度未受理依申请公开事项。") == [(REQUESTS, "未受理依申请公开")]
    # two pages of the search corpus (湛江市地方志办公室 2023, 资阳市同城化发展工作局 2022)
    assert _kinds("2023年，我办全年未收到行政许可申请；全年未接到信息公开申请；各栏目共刊发文稿44篇。", 2023) == [
        (REQUESTS, "未接到信息公开申请")]
    assert _kinds("本年度，我局未收到政府信息申请。") == [(REQUESTS, "未收到政府信息申请")]


def test_claims_of_no_review_or_suit_in_real_wordings() -> None:
    # 新民街道 2012: both named, one claim each; 清平县 2023: the suit only, after reviews typed with a number
    assert _kinds("2012年度，我街道没有发生因政府信息公开引起的行政复议和行政诉讼。", 2012) == [
        (REVIEW, "没有发生因政府信息公开引起的行政复议和行政诉讼"),
        (LITIGATION, "没有发生因政府信息公开引起的行政复议和行政诉讼")]
    assert [a for a, _ in _kinds("因政府信息公开申请被提起行政复议2件,均维持原答复;未发生因政府信息公开被提起行政诉讼的情况")] == [
        LITIGATION]
    assert [a for a, _ in _kinds("本局未被申请行政复议。")] == [REVIEW]
    assert [a for a, _ in _kinds("全年无因政府信息公开引起的行政复议、行政诉讼。")] == [REVIEW, LITIGATION]
    assert [a for a, _ in _kinds("全年未收到政府信息公开申请和行政复议申请。")] == [REQUESTS, REVIEW]


def test_what_is_no_claim_of_none() -> None:
    # 未经复议 is a kind of suit, not a claim (data/example-2025.yaml's own sentence)
    assert _kinds("全年因政府信息公开被申请行政复议6件、提起行政诉讼2件（未经复议直接起诉），未发生因政务公开工作不到位被追责的情况。") == []
    # an outcome, not the cases: 未发生行政复议被纠错, 败诉
    assert _kinds("未发生行政复议被纠错的情况。") == []
    assert _kinds("全年未出现行政诉讼败诉情况。") == []
    # a kind of request only: the others may exist (新民街道 2012: 全年没有收到公开其他信息的申请)
    assert _kinds("全年没有收到公开其他信息的申请，也没有不予公开的政府信息。") == []
    assert _kinds("未收到其他政府信息公开申请。") == []
    assert _kinds("未收到以邮寄方式提交的政府信息公开申请。") == []
    assert _kinds("未收到涉及信息处理费的政府信息公开申请。") == []
    # not the requests: a complaint, an answer, a person
    assert _kinds("未收到对政府信息公开申请答复的投诉。") == []
    assert _kinds("申请人未收到政府信息公开申请的答复。") == []
    assert _kinds("未收到申请人补正的申请。") == []
    assert _kinds("未收到因政府信息公开申请引起的投诉。") == []  # the requests are a cause here
    assert _kinds("未收到行政复议机关的补正通知。") == []


def test_last_year_quotes_plans_and_conditions_are_left_out() -> None:
    assert _kinds("上年未收到政府信息公开申请。") == []
    assert _kinds("我局上年度未收到政府信息公开申请，本年度申请明显增多。") == []
    assert _kinds("2024年未收到政府信息公开申请。", 2025) == []  # last year's, typed as a year
    assert _kinds("2025年未收到政府信息公开申请。", 2025) != []  # this year's
    assert _kinds("同比未发生行政复议。") == []
    assert _kinds("上年度报告中“全年未收到政府信息公开申请”的表述已更正。") == []  # quoted
    assert _kinds("下一步，力争全年未发生因政府信息公开引起的行政诉讼。") == []  # a plan of 五、
    assert _kinds("如未收到政府信息公开申请，应在报告中写明。") == []
    # 上年结转 is this year's figure: the clause is not about last year
    assert _kinds("上年结转申请0件，全年未收到政府信息公开申请。") == [(REQUESTS, "未收到政府信息公开申请")]


# -- the facts file with the slips -------------------------------------------------------------------

def _warnings(path: Path) -> list:
    try:
        return check(path).warnings
    except FactsError as exc:
        return exc.problems


def test_each_slip_is_found_at_the_claim() -> None:
    found = [(p.location.line, p.location.column, p.message) for p in _warnings(SLIPS) if p.code == "NONE"]
    # the places, counted by hand in none-2025.yaml (column = characters from the line's start, 1 first):
    # line 51 `    - 完善…责任人。{year}年度，{agency.self_name}未收到…`: 6 + 12 + 26 + 11 + 6 + 3 + 18 = 82 before 未
    # line 62 `    - "{year}年度，{agency.self_name}没有发生…`: 7 + 6 + 3 + 18 = 34 before 没
    # line 122 `  - "{processing_fee_statement}。{agency.self_name}未被申请行政复议，未发生…`: 5 + 26 + 1 + 18 = 50
    # before the first 未, and 9 more (未被申请行政复议，) before the second
    assert [(line, column) for line, column, _ in found] == [(51, 83), (62, 35), (62, 35), (122, 51), (122, 60)]
    lines = SLIPS.read_text(encoding="utf-8").splitlines()
    for line, column, _ in found:
        assert lines[line - 1][column - 1] in "未没"
    requests, review, suit, review2, suit2 = (m for _, _, m in found)
    assert "正文说没有，表格却有（NONE）" in requests and "“未收到政府信息公开申请”" in requests
    assert "表“三、收到和处理政府信息公开申请情况”“一、本年新收政府信息公开申请数量”的总计是 79" in requests
    assert "请改正文字" in requests and "{applications.new.total}" in requests
    assert "上年结转" not in requests  # 未收到 speaks of new requests
    assert "“行政复议”的总计是 6" in review and "{review_litigation.review.total}" in review
    assert "“未经复议直接起诉”的总计与“复议后起诉”的总计之和是 3" in suit
    assert "{review_litigation.direct_suit.total}" in suit and "{review_litigation.suit_after_review.total}" in suit
    assert "“未被申请行政复议”" in review2 and "是 6" in review2
    assert "“未发生因政府信息公开被提起行政诉讼的情况”" in suit2 and "是 3" in suit2


def test_a_claim_that_agrees_with_the_table_is_no_finding(tmp_path) -> None:
    # the same file with table 三 and table 四 emptied (all 0) and the text's figures unchanged: nothing to say
    text = SLIPS.read_text(encoding="utf-8")
    text = re.sub(r"\[\d+, \d+, \d+, \d+, \d+, \d+\]", "[0, 0, 0, 0, 0, 0]", text)
    text = re.sub(r"\b(upheld|corrected|other|pending): \d+", r"\1: 0", text)
    path = tmp_path / "none-2025.yaml"
    path.write_text(text, encoding="utf-8")
    problems = _warnings(path)
    assert not [p for p in problems if p.severity.name == "ERROR" and p.code != "empty"], [p.format() for p in problems]
    assert [p for p in problems if p.code == "NONE"] == []


# -- the correct files: no false alarm, and the check is not blind there -----------------------------------

@pytest.mark.parametrize("path", CORRECT, ids=[str(p.relative_to(ROOT)) for p in CORRECT])
def test_no_finding_on_a_correct_facts_file(path) -> None:
    assert [p.format() for p in _warnings(path) if p.code == "NONE"] == []


def test_a_correct_report_saying_none_is_found_once_its_table_has_some(tmp_path) -> None:
    # 望川路街道 2025 says 未收到政府信息公开申请 with a table of zeros: one request received (and granted)
    # makes the same sentence a slip
    text = (ROOT / "tests/fixtures/real/street-wangchuan-2025.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  (?:new|granted): )\[0,", r"\g<1>[1,", text)
    path = tmp_path / "street-wangchuan-2025.yaml"
    path.write_text(text, encoding="utf-8")
    [p] = [p for p in _warnings(path) if p.code == "NONE"]
    assert "“未收到政府信息公开申请”" in p.message and "的总计是 1" in p.message


def test_the_narrative_format_with_its_requests_block(tmp_path) -> None:
    # 新民街道 2012 (narrative-2011, requests: review 0, litigation 0): 没有发生……行政复议和行政诉讼 is right
    source = (ROOT / "tests/fixtures/real/street-xinmin-2012.yaml").read_text(encoding="utf-8")
    path = tmp_path / "street-xinmin-2012.yaml"
    path.write_text(source.replace("review: 0, litigation: 0", "review: 1, litigation: 2"), encoding="utf-8")
    found = [p for p in _warnings(path) if p.code == "NONE"]
    assert len(found) == 2 and found[0].location == found[1].location
    assert "所填的“行政复议”" in found[0].message and "是 1" in found[0].message
    assert "所填的“行政诉讼”" in found[1].message and "是 2" in found[1].message
    assert "{requests.review}" in found[0].message


def test_the_narrative_format_without_the_figures_is_not_compared(tmp_path) -> None:
    # a narrative report with no `requests` block has no figure to compare with: no finding, whatever it says
    source = (ROOT / "tests/fixtures/reviewer/clean-narrative.yaml").read_text(encoding="utf-8")
    assert "requests:\n" not in source.split("sections:")[0].replace("  requests:\n", "")
    path = tmp_path / "clean-narrative.yaml"
    path.write_text(source.replace("未发生行政诉讼。", "未发生行政诉讼，全年未收到政府信息公开申请。"), encoding="utf-8")
    assert [p for p in _warnings(path) if p.code == "NONE"] == []


# -- the same slips in a published report --------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The slips' facts file built as a published report: .docx, .html and .pdf."""
    return build_published(SLIPS, tmp_path_factory.mktemp("none"))


@pytest.mark.parametrize("suffix", [".docx", ".html", ".pdf"])
def test_slips_in_a_published_report(built, suffix) -> None:
    out = built.with_suffix(suffix)
    findings = [f for f in check_report(out).findings if f.code == "NONE"]
    assert len(findings) == 5, [f.message for f in findings]
    said = [re.search(r"正文写的是“([^”]+)”", f.message).group(1) for f in findings]
    assert sorted(said) == sorted(["未收到政府信息公开申请", "没有发生因政府信息公开引起的行政复议和行政诉讼",
                                   "没有发生因政府信息公开引起的行政复议和行政诉讼", "未被申请行政复议",
                                   "未发生因政府信息公开被提起行政诉讼的情况"])
    places = sorted(re.search(r"（见“([^”]+)”）$", f.message).group(1) for f in findings)
    assert places == ["一、总体情况（二）依申请公开", "一、总体情况（五）监督保障", "一、总体情况（五）监督保障",
                      "六、其他需要报告的事项", "六、其他需要报告的事项"]
    for f in findings:  # worded for a reviewer: no facts-file line numbers, keys or references
        assert not re.search(r"第 \d+ 行|\{|[a-z_]{4,}", f.message), f.message
        assert "请改正文字" in f.message
    cli = subprocess.run([sys.executable, "-m", "reportgen", "check", str(out)], capture_output=True, text=True,
                         cwd=out.parent)
    shown = cli.stdout + cli.stderr
    assert cli.returncode == 0 and shown.count("（NONE）") == 5, shown  # warnings: the check passes
    assert "的总计是 79" in shown
