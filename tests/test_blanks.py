"""Blanks as blanks, messages for a person (issue 22, items 2 and 3).

A value left empty (code "empty") is counted apart — 还有 N 处待填 — and listed under the part of the
report it fills, one short line each; a wrong value is still an error; `build` refuses a file with
blanks and writes nothing. A message leads with the field's Chinese name (or its place in words)
and its line, and ends with the key path for editors.
"""

from __future__ import annotations

import pytest
from conftest import DATA

from reportgen import api
from reportgen.cli import main
from reportgen.errors import FactsError, Location, Problem, Severity, readable, summary

EXAMPLE = DATA / "example-2025.yaml"


def line_of(text: str, start: str) -> int:
    found = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


@pytest.fixture
def fresh(tmp_path, capsys):
    """A file fresh from `new`: every count of the year blank (164 of them, see test_authoring)."""
    out = tmp_path / "fresh-2026.yaml"
    assert main(["new", str(EXAMPLE), "-o", str(out)]) == 0
    capsys.readouterr()
    return out


@pytest.mark.parametrize("path, words", [
    ("sections[0].paragraphs[0]", "第1部分第1段"),
    ("sections[2].subsections[0].heading", "第3部分第1小节标题"),
    ("overview.management[1].points[0]", "一、总体情况（三）政府信息管理第2段第1点"),
    ("problems[1].inline_points[2]", "五、存在的主要问题及改进情况第2段第3点"),
    ("other_matters[0]", "六、其他需要报告的事项第1段"),
    ("preamble[1]", "前言第2段"),
    ("attachments[1].paragraphs[0]", "附件2第1段"),
    ("agency.name", ""),  # a field with a Chinese label of its own: the label is used
    ("applications.new.natural", ""),
])
def test_a_path_said_in_words(path, words):
    assert readable(path) == words


def test_a_message_leads_with_the_name_and_line_and_ends_with_the_path():
    labelled = Problem(Location("a.yaml", 68, 14), "应为整数，这里写的是“很多”。", "active_disclosure.licensing",
                       "行政许可本年处理决定数量", source_line="  licensing: 很多")
    assert labelled.format().splitlines() == [
        "a.yaml:68:14: 行政许可本年处理决定数量（第68行）：应为整数，这里写的是“很多”。〔active_disclosure.licensing〕",
        "      licensing: 很多",
        "                 ^"]
    unlabelled = Problem(Location("a.yaml", 12, 36), "含有软连字符。\n第二行说明。", "sections[0].paragraphs[0]",
                         severity=Severity.WARNING)
    assert unlabelled.format() == ("a.yaml:12:36: 警告：第1部分第1段（第12行）：含有软连字符。〔sections[0].paragraphs[0]〕\n"
                                   "第二行说明。")
    assert Problem(Location("a.yaml"), "文件是空的。").format() == "a.yaml: 文件是空的。"


def test_summary_counts_blanks_apart():
    at = Location("a.yaml", 1, 1)
    blank, wrong = Problem(at, "还没有填写：请填写整数。", code="empty"), Problem(at, "应为整数。", code="wrong-type")
    warning = Problem(at, "注意。", severity=Severity.WARNING)
    assert summary([blank, blank, wrong, warning]) == "还有 2 处待填，1 个错误，1 个警告"
    assert summary([wrong, warning]) == "1 个错误，1 个警告"
    assert blank.is_blank and blank.is_error  # a blank still blocks the build


def test_the_library_gives_the_blanks_apart(fresh):
    with pytest.raises(FactsError) as caught:
        api.check(fresh)
    exc = caught.value
    assert len(exc.blanks) == 164 and exc.errors == [] and exc.warnings == []
    assert all(p.code == "empty" for p in exc.blanks)  # the contract between the branches


def test_a_wrong_value_among_blanks_is_still_an_error(fresh, capsys):
    text = fresh.read_text(encoding="utf-8")
    old = next(ln for ln in text.splitlines() if ln.startswith("  licensing:"))
    fresh.write_text(text.replace(old, "  licensing: 很多"), encoding="utf-8")
    line = line_of(text, "  licensing:")
    assert main(["check", str(fresh)]) == 1
    err = capsys.readouterr().err
    assert f"{fresh}:{line}:14: 行政许可本年处理决定数量（第{line}行）：应为整数，这里写的是“很多”。〔active_disclosure.licensing〕" in err
    assert f"第{line}行 行政许可本年处理决定数量" not in err  # no longer a blank
    said = err.rstrip().splitlines()
    assert said[-2:] == ["还有 163 处待填，1 个错误，0 个警告", "检查未通过。"]


def test_a_row_partly_blank_names_its_blank_columns(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8")
    old = "new:               [64, 8, 1, 2, 3, 1]"
    path = tmp_path / "row-2025.yaml"
    path.write_text(text.replace(old, "new:               [64, ~, 1, ~, 3, 1]"), encoding="utf-8")
    line = line_of(text, "  " + old)
    assert main(["check", str(path)]) == 1
    said = capsys.readouterr().err.rstrip().splitlines()
    assert said[:3] == [f"{path}: 还有 2 处待填：以下各处还没有填写，请填写整数（没有就填 0）：",
                        "  三、收到和处理政府信息公开申请情况",
                        f"    第{line}行 一、本年新收政府信息公开申请数量：商业企业、社会公益组织"]
    assert said[-2:] == ["还有 2 处待填，0 个错误，0 个警告", f"还没有填完：填好上面列出的各处，再运行 reportgen check {path}。"]


def test_build_refuses_a_file_with_blanks_and_says_so(fresh, tmp_path, capsys):
    out = tmp_path / "r.docx"
    assert main(["build", str(fresh), "-o", str(out)]) == 1
    said = capsys.readouterr().err.rstrip().splitlines()
    assert said[0] == f"{fresh}: 还有 164 处待填，填好后才能生成报告：以下各处还没有填写，请填写整数（没有就填 0）："
    assert said[-2:] == ["还有 164 处待填，0 个错误，0 个警告", "没有生成任何文件。"]
    assert len(said) < 60  # a list a clerk can read (it was 494 lines)
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["fresh-2026.yaml", "reportgen.schema.json"]
