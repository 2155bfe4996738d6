"""An indentation slip says which key the line belongs under, where, and how far to indent it (issue 22).

Each case takes the example (or a file fresh from `new`), moves one key's indentation the way a clerk
slips — one space short, one too many, a tab, pulled to column 1, pushed under the sibling above —
and expects ONE message, at the slipped line, naming the parent key and the sibling to align with.
The lines are found in the example's text (anchors below), never taken from the tool's output:
in the example, `active_disclosure:` opens the table, `normative_documents:` is the sibling above
`licensing:`, and `licensing: 1386` is the line that slips.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"


def line_of(text: str, start: str) -> int:
    """The 1-based line of `text` that starts with `start` (exactly one)."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def slipped(tmp_path: Path, old: str, new: str, text: str | None = None, name: str = "slip-2025.yaml") -> tuple[Path, str]:
    text = EXAMPLE.read_text(encoding="utf-8") if text is None else text
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text


def check(capsys, path: Path) -> tuple[int, list[str], str]:
    code = main(["check", str(path)])
    err = capsys.readouterr().err
    heads = [ln for ln in err.splitlines() if ln.startswith(f"{path}:")]
    return code, heads, err


LICENSING = "行政许可本年处理决定数量"


@pytest.mark.parametrize("typed, column, now", [
    (" licensing: 1386", 2, "licensing 的缩进不对：它属于 active_disclosure（第{A}行），应与第{N}行的 normative_documents 对齐"
                            "（缩进 2 个空格），这里缩进了 1 个空格。"),  # one space short
    ("   licensing: 1386", 4, "licensing 的缩进不对：它属于 active_disclosure（第{A}行），应与第{N}行的 normative_documents 对齐"
                              "（缩进 2 个空格），这里缩进了 3 个空格。"),  # one too many
    ("\tlicensing: 1386", 1, "licensing 的缩进里有制表符（Tab）：YAML 只能用半角空格缩进。它属于 active_disclosure（第{A}行），"
                             "应与第{N}行的 normative_documents 对齐：请把缩进换成 2 个半角空格。"),  # a tab (at the tab)
    ("licensing: 1386", 1, "licensing 的缩进不对：它属于 active_disclosure（第{A}行），应与第{N}行的 normative_documents 对齐"
                           "（缩进 2 个空格），这里顶格写了。"),  # pulled to column 1 (was: blamed the value 1386)
    ("    licensing: 1386", 5, "licensing 的缩进不对：它属于 active_disclosure（第{A}行），应与第{N}行的 normative_documents 对齐"
                               "（缩进 2 个空格），这里缩进了 4 个空格。"),  # pushed under normative_documents
], ids=["one-short", "one-too-many", "tab", "column-1", "under-sibling"])
def test_a_slipped_key_names_its_parent_and_its_sibling(tmp_path, capsys, typed, column, now):
    path, text = slipped(tmp_path, "  licensing: 1386", typed)
    line = line_of(text, "  licensing: 1386")
    parent, sibling = line_of(text, "active_disclosure:"), line_of(text, "  normative_documents:")
    code, heads, err = check(capsys, path)
    assert code == 1
    expected = (f"{path}:{line}:{column}: {LICENSING}（第{line}行）：" + now.format(A=parent, N=sibling)
                + "〔active_disclosure.licensing〕")
    assert heads == [expected], err  # one message: no "missing licensing", no "unknown field", no quotes advice
    assert err.rstrip().splitlines()[-2] == "1 个错误，0 个警告"


def test_the_first_key_under_its_parent_one_space_short_is_the_slip(tmp_path, capsys):
    """`issued` typed with 3 spaces: YAML takes 3 as the level and stumbles on `repealed` below; the slip is issued's."""
    path, text = slipped(tmp_path, "    issued: 5\n", "   issued: 5\n")
    line, parent = line_of(text, "    issued: 5"), line_of(text, "  normative_documents:")
    code, heads, err = check(capsys, path)
    assert code == 1
    assert heads == [f"{path}:{line}:4: 行政规范性文件本年制发件数（第{line}行）：issued 的缩进不对：它属于 normative_documents"
                     f"（第{parent}行），应写在 normative_documents 下面（缩进 4 个空格），这里缩进了 3 个空格。"
                     "〔active_disclosure.normative_documents.issued〕"], err


def test_an_over_indented_key_after_a_value_is_not_told_to_use_quotes(tmp_path, capsys):
    """`in_force: 43` with 5 spaces after `repealed: 3`: YAML read it as more of repealed's text; quotes were advised."""
    path, text = slipped(tmp_path, "    in_force: 43\n", "     in_force: 43\n")
    line, parent = line_of(text, "    in_force: 43"), line_of(text, "  normative_documents:")
    code, heads, err = check(capsys, path)
    assert code == 1 and "引号" not in err
    assert heads == [f"{path}:{line}:6: 行政规范性文件现行有效件数（第{line}行）：in_force 的缩进不对：它属于 normative_documents"
                     f"（第{parent}行），应与上一行的 repealed 对齐（缩进 4 个空格），这里缩进了 5 个空格。"
                     "〔active_disclosure.normative_documents.in_force〕"], err


@pytest.mark.parametrize("typed, column, now", [
    (" requests:", 2, "这里缩进了 1 个空格"),
    ("requests:", 1, "这里顶格写了"),  # YAML stumbles at `management:` two lines below; the slip is here
], ids=["one-short", "column-1"])
def test_a_part_of_the_overview_names_overview(tmp_path, capsys, typed, column, now):
    path, text = slipped(tmp_path, "  requests:\n", typed + "\n")
    line, parent, sibling = line_of(text, "  requests:"), line_of(text, "overview:"), line_of(text, "  active:")
    code, heads, err = check(capsys, path)
    assert code == 1
    assert heads == [f"{path}:{line}:{column}: 依申请公开（第{line}行）：requests 的缩进不对：它属于 overview（第{parent}行），"
                     f"应与第{sibling}行的 active 对齐（缩进 2 个空格），{now}。〔overview.requests〕"], err


def test_a_blank_pulled_to_column_1_in_a_new_file_is_one_error_among_the_blanks(tmp_path, capsys):
    """In a file fresh from `new`, `licensing:` (blank) at column 1 took penalty, enforcement and fees
    with it: four "missing" errors and an unknown field. Now: the slip, once; the blanks still listed."""
    fresh = tmp_path / "fresh-2026.yaml"
    assert main(["new", str(EXAMPLE), "-o", str(fresh)]) == 0
    capsys.readouterr()
    text = fresh.read_text(encoding="utf-8")
    old = next(ln for ln in text.splitlines() if ln.startswith("  licensing:"))
    path, _ = slipped(tmp_path, old + "\n", old[2:] + "\n", text, "slip-2026.yaml")
    line, parent, sibling = line_of(text, "  licensing:"), line_of(text, "active_disclosure:"), line_of(text, "  normative_documents:")
    code, heads, err = check(capsys, path)
    assert code == 1
    assert heads[1:] == [f"{path}:{line}:1: {LICENSING}（第{line}行）：licensing 的缩进不对：它属于 active_disclosure（第{parent}行），"
                         f"应与第{sibling}行的 normative_documents 对齐（缩进 2 个空格），这里顶格写了。〔active_disclosure.licensing〕"]
    assert heads[0].startswith(f"{path}: 还有 ") and "缺少这个字段" not in err and "不认识的字段" not in err
    # the four moved blanks (licensing, penalty, enforcement, fees) are under the slipped key: 164 − 4 listed
    assert err.rstrip().splitlines()[-2] == "还有 160 处待填，1 个错误，0 个警告"
