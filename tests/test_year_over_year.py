"""Year over year: texts state each figure's change from last year's facts; implausible jumps warn."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from conftest import DATA

from docxutil import paragraph_texts
from reportgen.cli import main
from reportgen.model.yoy import change_text, growth_text

YOY_PARAGRAPH = ("    - 全年新收申请{applications.new.total}件（上年{applications.new.total.last_year}件），"
                 "{applications.new.total.change}，{applications.new.total.growth}；"
                 "主动公开信息{counts.published.change}；行政强制决定{active_disclosure.enforcement.change}；"
                 "信息处理费{processing_fee.change}。\n")


def _pair(tmp_path, extra: str = "", replace: tuple[str, str] | None = None, with_last_year: bool = True):
    if with_last_year:
        shutil.copy(DATA / "example-2024.yaml", tmp_path / "example-2024.yaml")
    text = (DATA / "example-2025.yaml").read_text(encoding="utf-8")
    anchor = "  requests:\n"
    text = text.replace(anchor, anchor + extra, 1)
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path = tmp_path / "example-2025.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_states_changes_from_last_year(tmp_path, capsys):
    facts = _pair(tmp_path, YOY_PARAGRAPH)
    out = tmp_path / "r.docx"
    assert main(["build", str(facts), "-o", str(out)]) == 0, capsys.readouterr().err
    body = [t for s, t in paragraph_texts(out) if s == "Normal"]
    # 2025: 79 new applications, 2024: 61; published 1268 vs 1104 条; enforcement 9 vs 12; fee 0 vs 0
    assert ("全年新收申请79件（上年61件），比上年增加18件，增长29.5%；主动公开信息比上年增加164条；"
            "行政强制决定比上年减少3件；信息处理费与上年持平。") in body


def test_change_without_last_years_file_is_an_error_at_the_reference(tmp_path, capsys):
    facts = _pair(tmp_path, YOY_PARAGRAPH, with_last_year=False)
    assert main(["check", str(facts)]) == 1
    err = capsys.readouterr().err
    line = facts.read_text(encoding="utf-8").splitlines().index(YOY_PARAGRAPH.rstrip("\n")) + 1
    assert f"{facts}:{line}:" in err
    assert "{applications.new.total.last_year} 要和上一年度比较，但没有找到上一年度的事实文件" in err


@pytest.mark.parametrize("old, new, name, words", [
    ("licensing: 1386", "licensing: 13860", "行政许可本年处理决定数量", "今年是 13860，上年是 1250"),
    ("penalty: 93 ", "penalty: 0  ", "行政处罚本年处理决定数量", "今年是 0，上年是 86"),
])
def test_implausible_jump_is_a_warning(tmp_path, capsys, old, new, name, words):
    facts = _pair(tmp_path, replace=(old, new))
    assert main(["check", str(facts)]) == 0
    err = capsys.readouterr().err
    jumps = [ln for ln in err.splitlines() if "（JUMP）" in ln]
    assert len(jumps) == 1, err
    line = facts.read_text(encoding="utf-8").splitlines().index(next(
        ln for ln in facts.read_text(encoding="utf-8").splitlines() if ln.strip().startswith(new.split(":")[0] + ":"))) + 1
    assert jumps[0].startswith(f"{facts}:{line}:") and f"{name}{words}" in jumps[0]


def test_the_examples_have_no_jumps(tmp_path, capsys):
    facts = _pair(tmp_path)
    assert main(["check", "--strict", str(facts)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("now, last, unit, change, growth", [
    ("79", "61", "件", "比上年增加18件", "增长29.5%"),
    ("9", "12", "件", "比上年减少3件", "下降25%"),
    ("5", "5", "件", "与上年持平", "增幅为0"),
    ("42.15", "35.6", "万元", "比上年增加6.55万元", "增长18.4%"),
    ("3", "0", "件", "比上年增加3件", "上年为0"),
])
def test_change_and_growth_texts(now, last, unit, change, growth):
    assert change_text(Decimal(now), Decimal(last), unit) == change
    assert growth_text(Decimal(now), Decimal(last)) == growth


def test_text_copied_from_last_year_is_a_warning(tmp_path, capsys):
    copied = "    - 完成{channels.website}集约化改造，统一设置{channels.website.columns}等栏目；通过{channels.media}发布信息，依托{channels.hotlines}受理群众咨询。\n"
    assert copied in (DATA / "example-2024.yaml").read_text(encoding="utf-8")  # last year's wording
    facts = _pair(tmp_path, replace=("  platforms:\n", "  platforms:\n" + copied))
    assert main(["check", str(facts)]) == 0
    err = capsys.readouterr().err
    copies = [ln for ln in err.splitlines() if "（COPY）" in ln]
    line = facts.read_text(encoding="utf-8").splitlines().index(copied.rstrip("\n")) + 1
    # the first paragraph of （四）政府信息公开平台建设, said in words; its key path at the end
    assert len(copies) == 1 and copies[0].startswith(f"{facts}:{line}:7: 警告：一、总体情况（四）政府信息公开平台建设第1段（第{line}行）：")
    assert "〔overview.platforms[0]〕" in copies[0]


def test_same_words_with_new_figures_are_not_a_copy(tmp_path, capsys):
    """A sentence that names this year's figures reads differently from last year's: no COPY."""
    facts = _pair(tmp_path)
    assert main(["check", "--strict", str(facts)]) == 0
    assert "COPY" not in capsys.readouterr().err


def test_change_of_a_figure_last_year_did_not_have_is_an_error_not_a_crash(tmp_path, capsys):
    facts = _pair(tmp_path, "    - 新开通政务新媒体账号{counts.brandnew}个，{counts.brandnew.change}。\n",
                  replace=("counts:\n", "counts:\n  brandnew:\n    label: 政务新媒体账号\n    value: 3\n    unit: 个\n"))
    assert main(["check", str(facts)]) == 1
    err = capsys.readouterr().err
    assert "{counts.brandnew.change} 要和上一年度比较，但上一年度的事实文件" in err and "里没有这个数" in err
    assert main(["build", str(facts), "-o", str(tmp_path / "r.docx")]) == 1
