"""Inconsistent national-format facts: each case breaks one rule of statutory-format.md §3 in a copy
of data/example-2025.yaml and expects its finding (rule, location, numbers) and exit code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA

from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"
LAST_YEAR = DATA / "example-2024.yaml"


def variant(tmp_path: Path, old: str, new: str, name: str = "example-2025.yaml") -> tuple[Path, int]:
    """A copy of the example with `old` replaced by `new`; returns it and the 1-based line of the change."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, line


def check(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", *map(str, args)])
    return code, capsys.readouterr().err


CASES = [
    # (id, old, new, rule, expected text in the message, exit code)
    ("balance", "carried_forward:   [2, 2, 0, 0, 0, 0]", "carried_forward:   [3, 2, 0, 0, 0, 0]",
     "BALANCE", "“自然人”列，一、本年新收 64 + 二、上年结转 3 = 67，但 三、本年度办理结果（七）总计 65 + 四、结转下年度继续办理 3 = 68", 1),
    ("rowtotal", "new:               [64, 8, 1, 2, 3, 1]", "new:               [64, 8, 1, 2, 3, 1, 80]",
     "ROWTOTAL", "“一、本年新收政府信息公开申请数量”行的“总计”填的是 80，但 自然人 64 + 商业企业 8 + 科研机构 1 + 社会公益组织 2 + 法律服务机构 3 + 其他 1 = 79", 1),
    ("results", "  carried_forward:   [2, 2, 0, 0, 0, 0]",
     "  results_total:     {natural: 65, business: 7, research: 1, nonprofit: 2, legal: 3, other: 1, total: 78}\n"
     "  carried_forward:   [2, 2, 0, 0, 0, 0]",
     "RESULTS", "“（七）总计”行“总计”列填的是 78，但（一）至（六）各行之和为 79", 1),
    ("reviewtotal", "review:            {upheld: 3, corrected: 1, other: 1, pending: 1}",
     "review:            {upheld: 3, corrected: 1, other: 1, pending: 1, total: 5}",
     "REVIEWTOTAL", "“行政复议”的“总计”填的是 5，但 结果维持 3 + 结果纠正 1 + 其他结果 1 + 尚未审结 1 = 6", 1),
    ("rulemaking", "    issued: 0\n    repealed: 0\n    in_force: 0", "    issued: 2\n    repealed: 0\n    in_force: 0",
     "RULEMAKING", "警告：规章数不为零（RULEMAKING）：表“二、主动公开政府信息情况”“规章”行 本年制发件数 2", 0),
    ("text", "全年新收政府信息公开申请{applications.new.total}件", "全年新收政府信息公开申请97件",
     "TEXT", "正文写的是“新收政府信息公开申请97件”，而表“三、收到和处理政府信息公开申请情况”“一、本年新收政府信息公开申请数量”的总计是 79", 0),
    ("deadline", "signed: 2026-01-20", "signed: 2026-02-03",
     "DEADLINE", "成文日期 2026-02-03 晚于法定公布期限 2026年1月31日", 0),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_broken_once(capsys, tmp_path, case):
    _, old, new, rule, text, code = case
    path, line = variant(tmp_path, old, new)
    exit_code, err = check(capsys, path)
    assert exit_code == code, err
    findings = [ln for ln in err.splitlines() if ln.startswith(str(path) + ":")]
    assert len(findings) == 1, err
    assert f"（{rule}）" in findings[0] and text in findings[0], findings[0]
    assert findings[0].startswith(f"{path}:{line}:"), findings[0]  # the line the case changed


def test_balance_points_at_the_carried_forward_row(capsys, tmp_path):
    path, line = variant(tmp_path, "carried_forward:   [2, 2, 0, 0, 0, 0]", "carried_forward:   [3, 2, 0, 0, 0, 0]")
    _, err = check(capsys, path)
    column = EXAMPLE.read_text(encoding="utf-8").splitlines()[line - 1].index("[2,") + 2
    finding = next(ln for ln in err.splitlines() if ln.startswith(f"{path}:{line}:{column}: "))
    assert "（BALANCE）" in finding and finding.endswith("〔applications.carried_forward.natural〕")


def test_strict_turns_warnings_into_failure(capsys, tmp_path):
    path, _ = variant(tmp_path, "  regulations:               # 规章\n    issued: 0", "  regulations:               # 规章\n    issued: 2")
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", str(path)]) == 1
    assert "--strict" in capsys.readouterr().err
    out = tmp_path / "x.docx"
    assert main(["build", "--strict", str(path), "-o", str(out)]) == 1
    assert not out.exists()


def test_every_error_found_in_one_run(capsys, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("new:               [64, 8, 1, 2, 3, 1]", "new:               [64, 8, 1, 2, 3, 1, 80]")
    text = text.replace("review:            {upheld: 3, corrected: 1, other: 1, pending: 1}",
                        "review:            {upheld: 3, corrected: 1, other: 1, pending: 1, total: 1}")
    path = tmp_path / "two.yaml"
    path.write_text(text, encoding="utf-8")
    code, err = check(capsys, path)
    assert code == 1
    assert "（ROWTOTAL）" in err and "（REVIEWTOTAL）" in err
    assert "2 个错误，0 个警告" in err


def test_missing_count_is_an_error_not_zero(capsys, tmp_path):
    path, line = variant(tmp_path, "    three_safeties:    [0, 0, 0, 0, 0, 0]\n", "")
    code, err = check(capsys, path)
    assert code == 1
    denied = next(n for n, text in enumerate(EXAMPLE.read_text(encoding="utf-8").splitlines(), 1)
                  if text.startswith("  denied:"))  # said where the group is named
    assert f"（三）不予公开 3.危及“三安全一稳定”（第{denied}行）：缺少这个字段" in err
    assert "〔applications.denied.three_safeties〕" in err


def test_blank_count_is_an_error_not_zero(capsys, tmp_path):
    path, line = variant(tmp_path, "licensing: 1386 ", "licensing:      ")
    code, err = check(capsys, path)
    assert code == 1
    # a blank, not a mistake: listed by its line and Chinese name under its part of the report
    assert "还有 1 处待填：以下各处还没有填写，请填写整数（没有就填 0）：" in err
    assert f"  二、主动公开政府信息情况\n    第{line}行 行政许可本年处理决定数量\n" in err
    assert "还有 1 处待填，0 个错误，0 个警告" in err


def test_row_with_wrong_number_of_columns(capsys, tmp_path):
    path, line = variant(tmp_path, "new:               [64, 8, 1, 2, 3, 1]", "new:               [64, 8, 1]")
    code, err = check(capsys, path)
    assert code == 1
    assert f"{path}:{line}:22: 一、本年新收政府信息公开申请数量（第{line}行）：应有 6 个数" in err
    assert "〔applications.new〕" in err


def _pair(tmp_path: Path, old: str, new: str) -> Path:
    shutil.copy(LAST_YEAR, tmp_path / "example-2024.yaml")
    path, _ = variant(tmp_path, old, new)
    return path


def test_carry_from_the_file_beside_it(capsys, tmp_path):
    path = _pair(tmp_path, "carried_over:      [3, 1, 0, 0, 0, 0]", "carried_over:      [3, 0, 0, 0, 0, 0]")
    # Keep BALANCE intact so CARRY is the only broken rule: one fewer forwarded.
    text = path.read_text(encoding="utf-8").replace("carried_forward:   [2, 2, 0, 0, 0, 0]", "carried_forward:   [2, 1, 0, 0, 0, 0]")
    path.write_text(text, encoding="utf-8")
    code, err = check(capsys, path)
    assert code == 1
    assert "上年结转不符（CARRY）" in err
    assert "“商业企业”列是 0，但上一年度报告“四、结转下年度继续办理”的“商业企业”是 1" in err
    assert f"{tmp_path / 'example-2024.yaml'}:" in err  # where last year's figure is


def test_carry_with_previous_option(capsys, tmp_path):
    path, _ = variant(tmp_path, "carried_over:      [3, 1, 0, 0, 0, 0]", "carried_over:      [3, 0, 0, 0, 0, 0]", name="this-year.yaml")
    text = path.read_text(encoding="utf-8").replace("carried_forward:   [2, 2, 0, 0, 0, 0]", "carried_forward:   [2, 1, 0, 0, 0, 0]")
    path.write_text(text, encoding="utf-8")
    code, err = check(capsys, path)
    assert code == 0, err  # no last year's file beside it: nothing to compare
    code, err = check(capsys, path, "--previous", LAST_YEAR)
    assert code == 1 and "（CARRY）" in err


def test_stock_is_a_warning_with_last_year(capsys, tmp_path):
    path = _pair(tmp_path, "    in_force: 43", "    in_force: 45")
    code, err = check(capsys, path)
    assert code == 0
    assert "警告：现行有效件数对不上（STOCK）：" in err and "〔active_disclosure.normative_documents.in_force〕" in err
    assert "现行有效件数是 45，按上年 41 + 本年制发 5 − 本年废止 3 应为 43" in err


def test_previous_of_another_agency_is_refused(capsys, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(LAST_YEAR.read_text(encoding="utf-8").replace("name: 示例市示例局", "name: 另一个局"), encoding="utf-8")
    code, err = check(capsys, EXAMPLE, "--previous", other)
    assert code == 1
    assert "是“另一个局”2024 年的报告，而核对结转数需要“示例市示例局”2024 年的报告" in err


def test_examples_pass_and_carry_over_matches(capsys):
    assert check(capsys, LAST_YEAR)[0] == 0
    code, err = check(capsys, EXAMPLE, "--previous", LAST_YEAR)
    assert code == 0, err


def test_schema_mistakes_and_broken_sums_in_one_run(capsys, tmp_path):
    """A misspelt key and a mistyped count do not hide the sums that can be checked: the tables
    whose counts are all valid are still checked in the same run."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("  self_name: 我局", "  slef_name: 我局"), ("licensing: 1386 ", "licensing: 1386件"),
                     ("new:               [64, 8, 1, 2, 3, 1]", "new:               [64, 8, 1, 2, 3, 1, 80]"),
                     ("carried_forward:   [2, 2, 0, 0, 0, 0]", "carried_forward:   [2, 3, 0, 0, 0, 0]")):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "four.yaml"
    path.write_text(text, encoding="utf-8")
    code, err = check(capsys, path)
    assert code == 1
    for expected in ("不认识的字段 slef_name", "应为整数，这里写的是“1386件”", "（ROWTOTAL）", "（BALANCE）"):
        assert expected in err
    assert "4 个错误，0 个警告" in err


def test_a_blank_count_is_not_also_a_broken_sum(capsys, tmp_path):
    path, _ = variant(tmp_path, "granted:           [25, 3, 0, 1, 1, 0]", "granted:           [, 3, 0, 1, 1, 0]".replace("[,", "[~,"))
    code, err = check(capsys, path)
    assert code == 1
    assert "还没有填写" in err and "BALANCE" not in err
    assert "还有 1 处待填，0 个错误，0 个警告" in err


def test_it_says_when_last_years_checks_were_not_done(capsys, tmp_path):
    alone = tmp_path / "example-2025.yaml"
    alone.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, err = check(capsys, alone)
    assert code == 0
    assert "提示：没有找到上一年度的事实文件，未做与上年比较的检查（上年结转 CARRY" in err
    (tmp_path / "example-2024.yaml").write_text(
        LAST_YEAR.read_text(encoding="utf-8").replace("licensing: 1250", "licensing: 很多"), encoding="utf-8")
    code, err = check(capsys, alone)
    assert code == 0
    assert f"提示：旁边的上一年度文件 {tmp_path / 'example-2024.yaml'} 有 1 个错误，没有用它" in err
    shutil.copy(LAST_YEAR, tmp_path / "example-2024.yaml")
    code, err = check(capsys, alone)
    assert "提示" not in err


def _rules_of(tmp_path: Path, name: str, power_line: str) -> Path:
    """The example as agency `name`, 规章 本年制发 2, with `power_line` for its rulemaking_power line."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("  name: 示例市示例局\n", f"  name: {name}\n"),
                     ("rulemaking_power: false      # 本机关没有规章制定权\n", power_line),
                     ("  regulations:               # 规章\n    issued: 0", "  regulations:               # 规章\n    issued: 2")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "rules-2025.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, warned", [
    ("江东省人民政府办公厅", False),  # a province's office lists its government's 规章 (《立法法》第九十三条)
    ("江东省人民政府", False),
    ("上海市人民政府办公厅", False),  # a 直辖市
    ("广西壮族自治区人民政府", False),
    ("延边朝鲜族自治州人民政府办公室", False),
    ("江东省交通运输厅", True),  # a provincial department: its 规章 are the government's, not its own to report
    ("江东省临湖市人民政府", True),  # 临湖市 is in no list of 设区的市 (model.prefecture_cities): a 县级市 here
    ("临湖县人民政府办公室", True),
    ("白石镇人民政府", True),
])
def test_rulemaking_power_follows_the_agency_kind_when_the_file_does_not_say(capsys, tmp_path, name, warned):
    path = _rules_of(tmp_path, name, "")
    _, err = check(capsys, path)
    assert ("（RULEMAKING）" in err) == warned, err


def test_what_the_file_says_of_rulemaking_power_wins_over_the_name(capsys, tmp_path):
    path = _rules_of(tmp_path, "江东省人民政府办公厅", "rulemaking_power: false\n")
    assert "（RULEMAKING）" in check(capsys, path)[1]
    path = _rules_of(tmp_path, "临湖县人民政府", "rulemaking_power: true\n")
    assert "（RULEMAKING）" not in check(capsys, path)[1]
