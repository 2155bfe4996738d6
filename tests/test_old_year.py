"""OLDYEAR: a paragraph carried over from last year's facts file with last year's year still typed in
it as the report's own (issue 22, found by a new user following the README): `reportgen new` warned
once, `check` passed with 0 warnings ever after."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA

from reportgen.cli import main

LINE = '    - "{year}年，{agency.short_name}以贯彻落实《中华人民共和国政府信息公开条例》为主线，'


def _facts_with(tmp_path, typed: str):
    """data/example-2024.yaml (year 2024) with the first paragraph of 一、 starting `typed` instead of
    {year}年，{agency.short_name}; returns its path and the line number of that paragraph."""
    text = (DATA / "example-2024.yaml").read_text(encoding="utf-8")
    assert text.count(LINE) == 1
    path = tmp_path / "单位-2024.yaml"
    path.write_text(text.replace(LINE, f'    - "{typed}以贯彻落实《中华人民共和国政府信息公开条例》为主线，'),
                    encoding="utf-8")
    return path, text[:text.index(LINE)].count("\n") + 1


@pytest.mark.parametrize("typed, shown", [
    ("2023年，区统计局坚持以公开为常态，", "2023"),
    ("2023年度，区统计局", "2023"),
    ("区统计局2023年全年", "2023"),
    ("二〇二三年，区统计局", "二〇二三"),
])
def test_check_warns_at_last_years_year_written_as_the_reports_own(tmp_path, capsys, typed, shown):
    facts, line = _facts_with(tmp_path, typed)
    code = main(["check", str(facts)])
    out, err = capsys.readouterr()
    assert code == 0  # a warning: the check passes
    assert "1 个警告" in out, out + err
    column = 7 + typed.index(shown)  # the paragraph's text starts at column 8 (after `    - "`)
    found = [x for x in err.splitlines() if "OLDYEAR" in x]
    assert len(found) == 1 and found[0].startswith(f"{facts}:{line}:{column + 1}:"), err
    assert f"这段文字写着上年的年度“{shown}年”" in found[0]
    if shown == "2023":
        assert '请改为“{year}年”（写在引号里："{year}年，……"' in found[0]
    else:  # typed in Chinese digits: next year in the same digits
        assert "请改为“二〇二四年”" in found[0]


def test_check_with_last_years_file_warns_too(tmp_path, capsys):
    facts, line = _facts_with(tmp_path, "2023年，区统计局坚持以公开为常态，")
    last = tmp_path / "last.yaml"
    shutil.copy(DATA / "example-2024.yaml", last)  # any valid file of last year's: the rule needs none
    text = last.read_text(encoding="utf-8").replace("year: 2024\nsigned: 2025-01-22", "year: 2023\nsigned: 2024-01-22")
    last.write_text(text, encoding="utf-8")
    main(["check", str(facts), "--previous", str(last)])
    err = capsys.readouterr().err
    assert f"{facts}:{line}:8:" in err and "（OLDYEAR）" in err


@pytest.mark.parametrize("typed", ["自2023年起，区统计局", "2023年12月，区统计局", "区统计局在2023年度报告中", "2024年，区统计局"])
def test_years_named_in_passing_and_this_years_are_not_warned(tmp_path, capsys, typed):
    facts, _ = _facts_with(tmp_path, typed)
    assert main(["check", str(facts)]) == 0
    out, err = capsys.readouterr()
    assert "OLDYEAR" not in err and "0 个警告" in out, out + err


def test_a_published_report_naming_last_year_as_its_own_is_warned(tmp_path, capsys):
    facts, _ = _facts_with(tmp_path, "2023年，区统计局坚持以公开为常态，")
    docx = tmp_path / "报告.docx"
    assert main(["build", str(facts), "-o", str(docx)]) == 0
    capsys.readouterr()
    main(["check", str(docx)])
    out, err = capsys.readouterr()
    found = [line for line in (out + err).splitlines() if "上年的年度" in line]
    assert len(found) == 1 and "警告（报告中的问题）：正文写着上年的年度“2023年”" in found[0], out + err
    assert "（2023年，区统计…），见“一、总体情况”" in found[0]  # the words around it, for the reviewer to find it
