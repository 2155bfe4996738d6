"""The 问题 column of 汇总.csv / 汇总.xlsx reads as the screen's line for the failed file: the Chinese
name and line first, a mistake before a blank, the counts in Chinese (review of issue 22, item 4:
before, `第8行：agency.short_name（机关简称）：还没有填写…（共 还有 1 处待填，1 个错误，0 个警告）`)."""

from __future__ import annotations

import csv

from conftest import DATA
from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"


def _problems(out) -> dict[str, str]:
    with (out / "汇总.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["文件"]: row["问题"] for row in csv.DictReader(handle)}


def test_a_blank_and_a_wrong_value_lead_with_the_wrong_value(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.splitlines()[7] == "  short_name: 市示例局" and text.splitlines()[67].startswith("  penalty: 93 ")
    text = text.replace("  short_name: 市示例局", "  short_name:").replace("  penalty: 93 ", "  penalty: -93 ")
    (src / "a.yaml").write_text(text, encoding="utf-8")
    assert main(["build", str(src), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    # line 8 is short_name (left blank), line 68 penalty (made negative): the mistake leads, the blank is counted
    expected = "行政处罚本年处理决定数量（第68行，active_disclosure.penalty）：不能为负数，这里写的是 -93；还有 1 处待填。"
    assert _problems(tmp_path / "out")["a.yaml"] == expected
    assert f"a.yaml 生成失败：{expected}" in err, err


def test_blanks_only_are_counted_as_blanks(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8").replace("  short_name: 市示例局", "  short_name:")
    (src / "a.yaml").write_text(text.replace("  penalty: 93 ", "  penalty: "), encoding="utf-8")
    main(["build", str(src), "-o", str(tmp_path / "out")])
    capsys.readouterr()
    assert _problems(tmp_path / "out")["a.yaml"] == "机关简称（第8行，agency.short_name）：还没有填写：请填写文字；还有 1 处待填。"


def test_a_folder_in_place_of_a_report_gets_advice_for_a_folder_build(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "locked.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    (out / "locked.docx").mkdir(parents=True)
    assert main(["build", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if line.startswith("locked.yaml 生成失败："))
    # before: "这是一个文件夹，请给出输出文件名，例如 out/locked.docx/报告.docx" — no file name is given in a folder build
    assert "例如" not in line and "报告.docx" not in line, line
    assert line.endswith("locked.docx: 这里已有一个同名的文件夹，报告写不进去：请把这个文件夹改名或移走，再重新生成。"), line
    assert "同名的文件夹" in _problems(out)["locked.yaml"]
