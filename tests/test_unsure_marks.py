"""`unsure:` in a facts file: the figures an import could not read surely. Valid entries give one
UNSURE warning each at their line, naming the table, row and column; a path that names no field of
the format is an error with a did-you-mean; the JSON Schema documents the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportgen import api
from reportgen.cli import main
from reportgen.errors import FactsError

EXAMPLE = Path(__file__).parent.parent / "data" / "example-2025.yaml"


def _with(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "局-2025.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_each_entry_is_one_warning_at_its_line_naming_table_row_and_column(tmp_path: Path) -> None:
    path = _with(tmp_path, "unsure:\n  applications.new.total: 以 PDF 排版推断的格子\n"
                           "  active_disclosure.regulations.in_force: 扫描件经文字识别读出\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    facts = api.check(path)
    unsure = [w for w in facts.warnings if w.code == "UNSURE"]
    assert [w.location.line for w in unsure] == [len(lines) - 1, len(lines)]
    assert "表“三、收到和处理政府信息公开申请情况”“一、本年新收政府信息公开申请数量”行“总计”列" in unsure[0].message
    assert "以 PDF 排版推断的格子" in unsure[0].message and "删去 unsure 下的这一条" in unsure[0].message
    assert "表“二、主动公开政府信息情况”“规章”行“现行有效件数”" in unsure[1].message


def test_an_unknown_path_is_an_error_with_a_did_you_mean(tmp_path: Path) -> None:
    path = _with(tmp_path, "unsure:\n  applications.nwe.natural: 错字\n")
    with pytest.raises(FactsError) as info:
        api.check(path)
    errors = [p for p in info.value.problems if p.is_error]
    assert len(errors) == 1
    assert "applications.nwe.natural" in errors[0].message
    assert "你是不是想写 applications.new.natural" in errors[0].message and "“自然人”列" in errors[0].message


def test_an_entry_without_a_reason_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FactsError) as info:
        api.check(_with(tmp_path, "unsure:\n  applications.new.total:\n"))
    assert any("为什么没有把握" in p.message for p in info.value.problems if p.is_error)


def test_build_warns_and_strict_fails(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    path = _with(tmp_path, "unsure:\n  review_litigation.review: 扫描件经文字识别读出\n")
    assert main(["build", str(path), "-o", str(tmp_path / "a.docx")]) == 0
    assert "读取没有把握（UNSURE）：表“四、政府信息公开行政复议、行政诉讼情况”“行政复议”行" in capsys.readouterr().err
    assert main(["check", str(path), "--strict"]) == 1


def test_the_json_schema_documents_the_key(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    branches = schema.get("oneOf") or schema.get("anyOf")
    for branch in branches:
        assert branch["properties"]["unsure"]["title"] == "读取没有把握"
