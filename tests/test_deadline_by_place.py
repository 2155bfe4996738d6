"""DEADLINE for a report titled by its region (淮安市2025年政府信息公开工作年度报告) or by 「XX市政府」: it is
the government's report, due by 3月31日 (《政府信息公开条例》第四十九条), not a department's (1月31日)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from reportgen import build_report
from reportgen.cli import main
from reportgen.model.deadlines import infer_kind

EXAMPLE = DATA / "example-2025.yaml"


@pytest.mark.parametrize("name, kind", [
    ("淮安市", "government"),  # a 设区的市
    ("昆山市", "government"),  # a 县级市: its report is its government's too
    ("淮安市清江浦区", "government"),
    ("上海市", "government"),
    ("江苏省", "government"),
    ("淮安市政府", "government"),  # 人民 left out
    ("淮安经济技术开发区", "department"),  # a 管委会's report: not told as a government's
    ("苏州工业园区", "department"),
    ("南仓社区", "department"),  # a 居民委员会, no government
    ("白石镇", "township"),
    ("示例市示例局", "department"),
    ("示例市示例区人民法院", "department"),
    ("海滨市人民政府地方志办公室", "department"),
])
def test_kind_of_a_place_alone(name, kind) -> None:
    assert infer_kind(name) == kind


def test_an_office_reporting_for_a_government_named_without_renmin() -> None:
    assert infer_kind("龙游县政府办公室", "龙游县政府2023年政府信息公开工作年度报告") == "government"
    assert infer_kind("龙游县政府办公室") == "department"


def _report(tmp_path: Path, name: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("  name: 示例市示例局\n", f"  name: {name}\n"), ("signed: 2026-01-20", "signed: 2026-03-10")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    facts = tmp_path / f"{name}-2025.yaml"
    facts.write_text(text, encoding="utf-8")
    report = tmp_path / f"{name}-2025.docx"
    build_report(facts, report)
    return report


@pytest.mark.parametrize("name, warned", [
    ("淮安市", False),  # titled 淮安市2025年度政府信息公开工作年度报告: due 2026-03-31
    ("淮安市政府", False),
    ("示例市示例局", True),  # a department, due 2026-01-31
])
def test_a_region_titled_report_signed_in_march_is_on_time(capsys, tmp_path, name, warned) -> None:
    assert main(["check", str(_report(tmp_path, name))]) == 0
    err = capsys.readouterr().err
    assert ("晚于法定期限（DEADLINE）：成文日期 2026-03-10 晚于法定公布期限 2026年1月31日" in err) == warned, err
