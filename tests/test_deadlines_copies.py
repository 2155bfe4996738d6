"""deadlines.py (条例第四十九条 by kind and era) and copies.py (COPY after masking) on plain values."""

import pytest

from reportgen.checks.copies import THRESHOLD, copies, mask, narrative
from reportgen.model.deadlines import deadline, format_for_year, infer_kind, year_in_file_name


@pytest.mark.parametrize("name, title, kind", [
    ("嘉兴市体育局", None, "department"),
    ("桐庐县人民政府", None, "government"),
    ("示例区示例镇人民政府", None, "township"),
    ("桦甸市人民政府新华街道办事处", None, "township"),
    ("龙游县人民政府办公室", None, "department"),  # the office's own report, as a department
    ("龙游县人民政府办公室", "龙游县人民政府2023年政府信息公开工作年度报告", "government"),  # for the government
])
def test_kind_from_the_name(name, title, kind):
    assert infer_kind(name, title) == kind


@pytest.mark.parametrize("kind, year, due", [
    ("department", 2024, (1, 31)), ("government", 2024, (3, 31)), ("township", 2024, (3, 31)),
    ("department", 2019, (1, 31)),   # the 2019 条例's first reports
    ("department", 2018, (3, 31)),   # 2008 条例: every report by 3月31日
    ("government", 2011, (3, 31)),
])
def test_deadline(kind, year, due):
    assert deadline(kind, year)[:2] == due


@pytest.mark.parametrize("year, name", [(2011, "narrative-2011"), (2018, "narrative-2011"), (2019, ""), (2020, ""),
                                        (2021, "national-2021"), (2025, "national-2021")])
def test_format_for_year(year, name):
    assert format_for_year(year)[0] == name


def test_year_in_file_name():
    assert year_in_file_name("示例局-2026") == 2026 and year_in_file_name("局2024-2025报告") == 2025
    assert year_in_file_name("example") is None and year_in_file_name("v12345") is None


def test_mask_years_and_figures():
    assert mask("2024年，新收申请79件，增长1,268条。") == "#年，新收申请#件，增长#条。"
    assert mask("二〇二四年") == "#年"


def test_narrative_leaves_out_fixed_sentences_and_figure_clauses():
    assert narrative(mask("本年度未收取信息处理费。本年度无其他需要报告的事项。")) == ""
    assert narrative(mask("全年新收申请79件，上年结转2件。所有申请均已答复。")) == "所有申请均已答复。"


def test_year_changed_paragraph_is_a_copy():
    last = [("a", "2023年，我局聚焦群众关心关注的住房和建设领域事项，加大政策解读和回应力度。")]
    now = [("b", "2024年，我局聚焦群众关心关注的住房和建设领域事项，加大政策解读和回应力度。")]
    (hit,) = copies(now, last)
    assert (hit.key, hit.last_key, hit.ratio) == ("b", "a", 1.0)


def test_threshold():
    last = [("a", "我局聚焦群众关心关注的住房和建设领域事项，加大政策解读和回应力度，做好重点领域信息公开。")]
    one_word = [("b", "我局聚焦群众关心关注的住房和建设领域事项，加大政策解读和回应力度，做好重点领域信息发布。")]
    rewritten = [("c", "我局围绕城市更新和保障性住房建设，完善政策解读机制，按月公开项目进展。")]
    assert copies(one_word, last) and copies(one_word, last)[0].ratio >= THRESHOLD
    assert copies(rewritten, last) == []


def test_a_file_name_naming_its_year_among_others_is_no_filename_warning(tmp_path, capsys):
    from pathlib import Path

    from reportgen.cli import main

    text = (Path(__file__).parent / "fixtures" / "reviewer" / "clean-national.yaml").read_text(encoding="utf-8")
    ok = tmp_path / "示例局2024年度报告（2025修订）.yaml"
    ok.write_text(text, encoding="utf-8")
    assert main(["check", str(ok)]) == 0 and "FILENAME" not in capsys.readouterr().err
    wrong = tmp_path / "示例局-2025.yaml"
    wrong.write_text(text, encoding="utf-8")
    assert main(["check", str(wrong)]) == 0 and "（FILENAME）" in capsys.readouterr().err
