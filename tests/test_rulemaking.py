"""RULEMAKING and the 设区的市: a prefecture-level city's government (and its office) makes 规章
(《立法法》第九十三条; 第八十一条 for 东莞、中山、嘉峪关、三沙、儋州), a 县级市's, a district's or a city
bureau's does not. Facts files and published reports alike, by the agency's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from reportgen import build_report
from reportgen.cli import main
from reportgen.model.deadlines import makes_rules
from reportgen.model.prefecture_cities import (LIKE_PREFECTURE_CITIES, PREFECTURE_CITIES,
                                               PREFECTURE_CITIES_BY_PROVINCE)

EXAMPLE = DATA / "example-2025.yaml"


def _facts(tmp_path: Path, name: str, power_line: str = "") -> Path:
    """The example as agency `name`, 规章 本年制发 2, its rulemaking_power line replaced by `power_line`."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("  name: 示例市示例局\n", f"  name: {name}\n"),
                     ("rulemaking_power: false      # 本机关没有规章制定权\n", power_line),
                     ("  regulations:               # 规章\n    issued: 0", "  regulations:               # 规章\n    issued: 2")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "rules-2025.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _check(capsys, path: Path) -> tuple[int, str]:
    code = main(["check", str(path)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("name", [
    "淮安市人民政府",
    "淮安市人民政府办公室",  # the office publishes the government's report and lists its 规章
    "苏州市人民政府办公室",  # 州 in a city's name is no 自治州
    "江苏省南京市人民政府",  # with its own province
    "江苏省淮安市人民政府办公室",
    "吉林市人民政府",  # the city, not 吉林省
    "吉林省吉林市人民政府",
    "广西壮族自治区南宁市人民政府",
    "东莞市人民政府",  # no districts, a 设区的市's power by 《立法法》第八十一条
    "儋州市人民政府办公室",
    "淮安市",  # the region alone: the report of the whole city, which its government publishes
    "上海市",
    "交通运输部",  # a 国务院组成部门 (《立法法》第九十一条)
    "中华人民共和国教育部",
    "国家税务总局",  # a 直属机构
    "中国证券监督管理委员会",  # a 法律规定的机构
])
def test_a_prefecture_level_city_government_is_not_warned(capsys, tmp_path, name) -> None:
    code, err = _check(capsys, _facts(tmp_path, name))
    assert "（RULEMAKING）" not in err, err
    assert code == 0


@pytest.mark.parametrize("name", [
    "昆山市人民政府",  # a 县级市 of 苏州市: no 规章
    "江苏省昆山市人民政府",
    "淮安市教育局",  # a city bureau: 规章 are the government's, not its own
    "淮安市清江浦区人民政府",  # a district
    "江苏省淮安市清江浦区人民政府",
    "浙江省南京市人民政府",  # 南京市 is not of 浙江省: the name is wrong, so nothing is assumed
    "石河子市人民政府",  # 自治区直辖县级市, not a 设区的市
    "昆山市",  # the region alone, a 县级市
    "淮安市清江浦区",
    "国家税务总局淮安市税务局",  # a local branch of a 直属机构
    "中国人民银行淮安市分行",
])
def test_a_county_level_city_a_district_and_a_bureau_are_warned(capsys, tmp_path, name) -> None:
    code, err = _check(capsys, _facts(tmp_path, name))
    assert code == 0  # a warning
    lines = [line for line in err.splitlines() if "（RULEMAKING）" in line]
    assert len(lines) == 1, err
    assert lines[0].endswith(
        f"：规章数不为零（RULEMAKING）：表“二、主动公开政府信息情况”“规章”行 本年制发件数 2，"
        "而规章只由国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府制定（《立法法》第九十一条、第九十三条），"
        f"从机关名称“{name}”看，本机关不是其中之一（县级市、区县、乡镇的人民政府和地方政府部门没有规章制定权）。"
        "请确认这些是否为行政规范性文件（应填在“行政规范性文件”一行）。"
        "如本机关确有规章制定权（如部委管理的国家局），请在事实文件里写 rulemaking_power: true。"
        "〔active_disclosure.regulations.issued〕"), lines[0]


def test_what_the_file_says_still_wins(capsys, tmp_path) -> None:
    code, err = _check(capsys, _facts(tmp_path, "淮安市人民政府", "rulemaking_power: false\n"))
    assert "事实文件写明本机关没有规章制定权（rulemaking_power: false）" in err
    code, err = _check(capsys, _facts(tmp_path, "昆山市人民政府", "rulemaking_power: true\n"))
    assert "（RULEMAKING）" not in err


def test_the_list_holds_the_cities_the_law_names() -> None:
    # 293 地级市 at the end of 2024 (民政部 statistics), counted per province by hand
    assert len(PREFECTURE_CITIES) == 293
    counts = {province: len(cities) for province, cities in PREFECTURE_CITIES_BY_PROVINCE.items()}
    assert counts["江苏省"] == 13 and counts["广东省"] == 21 and counts["海南省"] == 4 and counts["西藏自治区"] == 6
    assert LIKE_PREFECTURE_CITIES <= PREFECTURE_CITIES
    # 地区, 盟, 自治州 and the 直辖市 are not in it; nor a 县级市
    for name in ("大兴安岭地区", "兴安盟", "延边朝鲜族自治州", "北京市", "重庆市", "昆山市", "仙桃市", "济源市"):
        assert name not in PREFECTURE_CITIES
    assert makes_rules("淮安市政府办公室")  # 人民 left out, as some titles do
    assert not makes_rules("中共淮安市委办公室")
    assert not makes_rules("淮安市人民政府教育局")


@pytest.mark.parametrize("name", ["淮安市人民政府办公室", "淮安市"])  # 淮安市: titled 淮安市2025年度政府信息公开工作年度报告
def test_a_published_report_of_a_city_government_office_is_not_warned(capsys, tmp_path, name) -> None:
    facts = _facts(tmp_path, name)
    report = tmp_path / f"{name}-2025.docx"
    build_report(facts, report)
    code, err = _check(capsys, report)
    assert "（RULEMAKING）" not in err, err
    assert code == 0
    facts = _facts(tmp_path, "淮安市人民政府办公室")
    # the same report from a 县级市: warned, in words for a reviewer (no facts-file key)
    text = facts.read_text(encoding="utf-8").replace("  name: 淮安市人民政府办公室\n", "  name: 昆山市人民政府办公室\n")
    facts.write_text(text, encoding="utf-8")
    report = tmp_path / "昆山市人民政府办公室-2025.docx"
    build_report(facts, report)
    code, err = _check(capsys, report)
    lines = [line for line in err.splitlines() if "（RULEMAKING）" in line]
    assert len(lines) == 1, err
    assert "本年制发件数 2" in lines[0] and "从机关名称“昆山市人民政府办公室”看，本机关不是其中之一" in lines[0]
    assert "rulemaking_power" not in lines[0]
