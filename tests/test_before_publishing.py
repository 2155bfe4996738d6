"""Issue 20 item 6: what assessors check before a report is published, as warnings with their source —
VAGUE (五、 one general sentence), FOLLOWUP (last year's problems not followed up), REGION (a
government's report naming no department or township), COPY of 五、 sentence by sentence; DEADLINE (on
time) has its reviewer cases already (tests/fixtures/reviewer/deadline-*). Each rule gets a failing and a
passing variant of tests/fixtures/reviewer/clean-national.yaml (a 区级部门's 2024 report), and none of the
new codes is raised on any correct example, fixture or published report of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, FIXTURES

from reportgen.checks.run import check, load_facts
from reportgen.importer.review import check_report

CLEAN = (FIXTURES / "reviewer" / "clean-national.yaml").read_text(encoding="utf-8")
PROBLEMS = "  - 一是主动公开的深度还需拓展，二是依申请公开答复的规范化水平还需提高。下一步，我局将加强培训，严格执行答复文书模板。\n"
NEW_CODES = {"VAGUE", "FOLLOWUP", "REGION", "LOCALPART", "LOCALLENGTH", "LOCALFIGURE", "LOCALDEADLINE"}


def facts_with(tmp_path: Path, text: str, name: str = "report-2024.yaml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def with_problems(problems: str, text: str = CLEAN) -> str:
    assert text.count(PROBLEMS) == 1
    return text.replace(PROBLEMS, problems)


LAST = (FIXTURES / "reviewer" / "previous" / "copy-none.yaml").read_text(encoding="utf-8")  # the same agency's 2023
LAST_PROBLEMS = "  - 公开内容不够全面。下一步，我局将拓展公开范围。\n"


def last_year(tmp_path: Path, problems: str = PROBLEMS) -> Path:
    """Last year's report of the same agency (2023: the reviewer cases' own), its 五、 as given."""
    assert LAST.count(LAST_PROBLEMS) == 1
    return facts_with(tmp_path, LAST.replace(LAST_PROBLEMS, problems), "report-2023.yaml")


def found(path: Path, code: str, previous: Path | None = None) -> list:  # type: ignore[type-arg]
    return [w for w in check(path, previous=previous).warnings if w.code == code]


def problems_place(text: str) -> tuple[int, int]:
    """Where the 五、 list starts: the line after `problems:`, column 3 (`  - `)."""
    return text.splitlines().index("problems:") + 2, 3


# -- VAGUE ----------------------------------------------------------------------------------------------

def test_vague_one_general_sentence(tmp_path: Path) -> None:
    text = with_problems("  - 我局将进一步加强政府信息公开工作，不断提高公开质量。\n")
    (w,) = found(facts_with(tmp_path, text), "VAGUE")
    assert (w.location.line, w.location.column) == problems_place(text)
    assert w.message.startswith("改进措施笼统（VAGUE）：“五、存在的主要问题及改进情况”只有一句话（“我局将进一步加强政府信息公开工作，"
                                "不断提高公开质量。”），没有写出具体的问题和措施")


@pytest.mark.parametrize("problems", [
    PROBLEMS,  # 一是…二是…, two sentences
    "  - 下一步，我局将制定依申请公开答复模板。\n",  # one short sentence, but a concrete measure (制定)
    "  - 我局将于2025年6月前完成政府信息公开指南修订。\n",  # a date
])
def test_vague_not_for_a_concrete_part(tmp_path: Path, problems: str) -> None:
    assert found(facts_with(tmp_path, with_problems(problems)), "VAGUE") == []


# -- FOLLOWUP ------------------------------------------------------------------------------------------

THIS_YEAR = "  - 一是政策解读形式较为单一，二是基层公开标准化有待深化。下一步，我局将开展政策解读培训2次，年底前完成目录更新。\n"


def test_followup_last_years_problems_not_said(tmp_path: Path) -> None:
    text = with_problems(THIS_YEAR)
    (w,) = found(facts_with(tmp_path, text), "FOLLOWUP", last_year(tmp_path))
    assert (w.location.line, w.location.column) == problems_place(text)
    assert w.message.startswith("没有说明上年问题的整改（FOLLOWUP）：上一年度报告的“五、存在的主要问题及改进情况”写了问题和措施"
                                "（“一是主动公开的深度还需拓展，二是依申请公开答复的规范化水平还需提高。")


def test_followup_not_when_followed_up_or_last_year_said_little(tmp_path: Path) -> None:
    followed = "  - 上年提出的两项问题已整改到位。" + THIS_YEAR.removeprefix("  - ")
    assert found(facts_with(tmp_path, with_problems(followed)), "FOLLOWUP", last_year(tmp_path)) == []
    short = last_year(tmp_path, "  - 公开内容不够全面。\n")  # under 30 characters: nothing to follow up
    assert found(facts_with(tmp_path, with_problems(THIS_YEAR)), "FOLLOWUP", short) == []
    assert found(facts_with(tmp_path, with_problems(THIS_YEAR)), "FOLLOWUP") == []  # no last year's file


# -- COPY of 五、, sentence by sentence -------------------------------------------------------------------

def test_copy_finds_a_sentence_of_last_years_problems(tmp_path: Path) -> None:
    """The paragraph as a whole is new (not 90 % alike), but one of its sentences is last year's."""
    mixed = ("  - 上年提出的问题已整改到位，全年组织培训2次。一是主动公开的深度还需拓展，二是依申请公开答复的规范化水平还需提高。"
             "本年还发现政策解读形式较为单一，下一步将增加图解和视频解读，年底前完成改版。\n")
    text = with_problems(mixed)
    copies = [w for w in found(facts_with(tmp_path, text), "COPY", last_year(tmp_path)) if w.path.startswith("problems")]
    assert [(w.location.line, w.location.column) for w in copies] == [(problems_place(text)[0], 5)]
    assert copies[0].message.startswith("“五、存在的主要问题及改进情况”有 1 句与上一年度报告这一部分的句子相同或几乎相同，年份和数字不计"
                                        "（COPY），如“一是主动公开的深度还需拓展，二是依申请公开答复的规范化水平还需提高。”")


def test_copy_not_for_new_problems(tmp_path: Path) -> None:
    copies = [w for w in found(facts_with(tmp_path, with_problems(THIS_YEAR)), "COPY", last_year(tmp_path))
              if w.path.startswith("problems")]
    assert copies == []


# -- REGION --------------------------------------------------------------------------------------------

def government(text: str) -> str:
    """The report made a district government's own (示例区人民政府), its texts speaking only of itself."""
    return text.replace("示例区住房和建设局", "示例区人民政府").replace("区住房建设局", "区政府").replace("我局", "我区")


def test_region_a_government_report_naming_no_department_or_township(tmp_path: Path) -> None:
    text = government(CLEAN)
    facts = check(facts_with(tmp_path, text))
    (w,) = [w for w in facts.warnings if w.code == "REGION"]
    assert (w.location.line, w.location.column) == (text.splitlines().index("overview:") + 2, 3)
    assert w.message.startswith("没有覆盖本行政区域（REGION）：这是人民政府本级的年度报告，正文却没有一处说到所属部门或乡镇、街道的工作")


def test_region_not_when_departments_are_named_nor_for_a_department(tmp_path: Path) -> None:
    named = government(CLEAN).replace("将政务公开纳入处室年度考核", "将政务公开纳入全区各部门、各街道年度考核")
    assert found(facts_with(tmp_path, named), "REGION") == []
    assert found(facts_with(tmp_path, CLEAN, "dept-2024.yaml"), "REGION") == []  # a 局's report: not asked


# -- no false alarm on the correct examples -------------------------------------------------------------

EXAMPLES = sorted([*DATA.glob("*.yaml"), *(FIXTURES / "real").glob("*.yaml"), *(FIXTURES / "reviewer").glob("clean-*.yaml")])
PUBLISHED = sorted(p for p in (FIXTURES / "published").iterdir()
                   if p.suffix in {".pdf", ".docx", ".html", ".doc", ".wps"} and "scan" not in p.name)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_new_finding_on_a_correct_example(path: Path) -> None:
    """With last year's file where there is one (example-2025 has example-2024: FOLLOWUP and COPY run)."""
    facts = check(path)
    assert [w.format() for w in facts.warnings if w.code in NEW_CODES] == []


def test_the_examples_include_governments_and_last_years() -> None:
    """The probe above means something: REGION runs on real government reports, FOLLOWUP with a last year."""
    kinds = {p.stem: load_facts(p).data["agency"].get("name") for p in EXAMPLES}
    assert any(str(n).endswith("人民政府") for n in kinds.values()), kinds
    assert check(DATA / "example-2025.yaml").previous is not None


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.name)
def test_no_new_finding_on_a_published_report(path: Path) -> None:
    assert [f.message for f in check_report(path).findings if f.code in NEW_CODES] == []


def test_vague_not_for_a_roll_ups_referral(tmp_path: Path) -> None:
    """`rollup` writes 各机关存在的主要问题及改进情况见各机关的年度报告。 in 五、: it points to the reports, it
    states no measure of its own (tests/test_rollup.py has the roll-up pass every check)."""
    assert found(facts_with(tmp_path, with_problems("  - 各机关存在的主要问题及改进情况见各机关的年度报告。\n")), "VAGUE") == []
