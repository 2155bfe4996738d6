"""The indentation and text slips the review of issue 22 found said for a person (second round).

Each case takes the example, makes one slip a clerk makes, and checks what `check` says. Lines and
columns are found in the example's text (line_of), never taken from the tool's output; the
example's anchors: `active_disclosure:` opens table 二, `  licensing: 1386` is above
`  penalty: 93`; `applications:` opens table 三 with `  new:` first; `documents:` lists two titles;
`    - 严格落实公开前保密审查制度，…` is the first paragraph of (三)政府信息管理.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES
from init_fill import fill

from test_indent_slips import line_of, slipped

from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"


def check(capsys, path: Path) -> tuple[int, list[str], str]:
    code = main(["check", str(path)])
    captured = capsys.readouterr()
    heads = [ln for ln in captured.err.splitlines() if ln.startswith(f"{path}:")]
    return code, heads, captured.out + captured.err  # the summary (检查通过：…) is on stdout


# -- 1. a key one space off under a value: the slip, never "delete the value" -----------------------

def test_a_key_one_space_too_many_under_a_number_is_the_slip_not_the_number(tmp_path, capsys):
    """`   penalty: 93` (3 spaces) under `  licensing: 1386`: was '请删去“licensing:”后面的“1386”' at 67:14."""
    path, text = slipped(tmp_path, "  penalty: 93", "   penalty: 93")
    line, parent = line_of(text, "  penalty: 93"), line_of(text, "active_disclosure:")
    assert line_of(text, "  licensing: 1386") == line - 1
    code, heads, err = check(capsys, path)
    assert code == 1 and "请删去" not in err and "1386" not in "".join(heads), err
    assert len(heads) == 1 and heads[0].startswith(f"{path}:{line}:4: "), err
    assert (f"penalty 的缩进不对：它属于 active_disclosure（第{parent}行），应与上一行的 licensing 对齐（缩进 2 个空格），"
            "这里缩进了 3 个空格。") in heads[0], err


def test_a_row_pulled_one_space_left_is_the_slip_not_its_six_numbers(tmp_path, capsys):
    """` new: [64, …]` (1 space) above `  carried_over:`: was '请删去“new:”后面的“[64, 8, 1, 2, 3, 1]”'."""
    path, text = slipped(tmp_path, "  new:               [64", " new:               [64")
    line, parent = line_of(text, "  new:"), line_of(text, "applications:")
    code, heads, err = check(capsys, path)
    assert code == 1 and "请删去" not in err, err
    assert len(heads) == 1 and heads[0].startswith(f"{path}:{line}:2: "), err
    assert (f"new 的缩进不对：它属于 applications（第{parent}行），应写在 applications 下面（缩进 2 个空格），"
            "这里缩进了 1 个空格。") in heads[0], err


def test_a_key_one_space_too_many_under_a_blank_in_a_new_file_is_the_slip(tmp_path, capsys):
    """In a file from `new`, `   penalty:` (3 spaces) under the blank `  licensing:` is read as a field of
    licensing: was '应为整数，这里写的是一组字段' at licensing and 'penalty 缺少这个字段' at the table."""
    fresh = tmp_path / "fresh-2026.yaml"
    assert main(["new", str(EXAMPLE), "-o", str(fresh)]) == 0
    capsys.readouterr()
    text = fresh.read_text(encoding="utf-8")
    old = next(ln for ln in text.splitlines() if ln.startswith("  penalty:"))
    path = tmp_path / "slip-2026.yaml"
    path.write_text(text.replace(old + "\n", " " + old + "\n"), encoding="utf-8")
    line, parent = line_of(text, "  penalty:"), line_of(text, "active_disclosure:")
    assert line_of(text, "  licensing:") == line - 1
    code, heads, err = check(capsys, path)
    assert code == 1 and "一组字段" not in err and "缺少这个字段" not in err, err
    assert [h for h in heads if "penalty" in h] == [
        f"{path}:{line}:4: 行政处罚本年处理决定数量（第{line}行）：penalty 的缩进不对：它属于 active_disclosure（第{parent}行），"
        "应与上一行的 licensing 对齐（缩进 2 个空格），这里缩进了 3 个空格。〔active_disclosure.penalty〕"], err


# (The case the value advice is for, `new: 0` over its rows, is tests/fixtures/invalid/syntax-value-then-fields.)


# -- 2. a list item indented too far, merged into the item above ------------------------------------

def test_a_document_title_indented_too_far_is_said_before_it_prints_merged(tmp_path, capsys):
    """`    - 示例市示例局政务公开保密审查办法` (4 spaces) under documents: YAML folds it into the first
    title, and the report printed 《…工作规程 - 示例市示例局政务公开保密审查办法》 without a word."""
    path, text = slipped(tmp_path, "  - 示例市示例局政务公开保密审查办法", "    - 示例市示例局政务公开保密审查办法")
    line = line_of(text, "  - 示例市示例局政务公开保密审查办法")
    code, heads, err = check(capsys, path)
    assert code == 0  # a warning: the file still builds
    assert [h for h in heads if f":{line}:" in h] == [
        f"{path}:{line}:5: 警告：这一行以“- ”开头，却被并进了上一项，报告里会把两项印成一项（“- ”前的缩进比上一项多，"
        "或上一项没有结束）：如果它是新的一项，请让“- ”与上一项的“- ”对齐；如果确是正文，请去掉“- ”。〔documents[0]〕"], err


# -- 3. a paragraph cut at " #" -----------------------------------------------------------------

PARAGRAPH = "    - 严格落实公开前保密审查制度，制定了{documents}，明确“谁起草、谁审查，谁公开、谁负责”。"
CUT = "    - 严格落实公开前保密审查制度，开通咨询电话 0123-4567 #2 转人工，明确“谁起草、谁审查，谁公开、谁负责”。"


def test_a_paragraph_cut_at_space_hash_is_warned_at_the_hash(tmp_path, capsys):
    path, text = slipped(tmp_path, PARAGRAPH, CUT)
    line, column = line_of(text, PARAGRAPH), CUT.index(" #") + 2
    code, heads, err = check(capsys, path)
    assert code == 0
    found = [h for h in heads if f":{line}:" in h]
    assert len(found) == 1 and found[0].startswith(f"{path}:{line}:{column}: 警告："), err
    assert "报告里只印到“……咨询电话 0123-4567”" in found[0] and "#2 转人工" in found[0], err
    assert "请把整段文字用引号括起来" in found[0] and "全角的“＃”或“号”" in found[0], err
    assert "0 个错误，1 个警告" in err


def test_the_cut_is_a_hashcut_warning_of_the_paragraph(tmp_path):
    from reportgen.checks.hash_cut import cut_texts
    from reportgen.model.facts import read_facts

    path, _ = slipped(tmp_path, PARAGRAPH, CUT)
    facts, problems = read_facts(path)
    assert facts is not None and problems == []
    [found] = cut_texts(facts)
    assert (found.code, found.path, found.severity.name) == ("HASHCUT", "overview.management[0]", "WARNING")


@pytest.mark.parametrize("fixed", [
    "    - \"严格落实公开前保密审查制度，开通咨询电话 0123-4567 #2 转人工，明确“谁起草、谁审查，谁公开、谁负责”。\"",
    "    - 严格落实公开前保密审查制度，开通咨询电话 0123-4567 ＃2 转人工，明确“谁起草、谁审查，谁公开、谁负责”。",
    "    - 严格落实公开前保密审查制度，开通咨询电话 0123-4567 转2号键人工服务。  # 电话号码已核对",
], ids=["quoted", "fullwidth-hash", "a-real-comment"])
def test_the_fixes_the_warning_gives_and_a_real_comment_are_quiet(tmp_path, capsys, fixed):
    path, _ = slipped(tmp_path, PARAGRAPH, fixed)
    code, heads, err = check(capsys, path)
    assert code == 0 and "0 个错误，0 个警告" in err, err


def _quiet_on(capsys, path: Path) -> None:
    main(["check", str(path)])
    err = capsys.readouterr().err
    assert "截断" not in err and "并进了" not in err, (path, err)


@pytest.mark.parametrize("path", sorted([*DATA.glob("*.yaml"), *(FIXTURES / "valid").glob("*.yaml"),
                                         *(FIXTURES / "real").glob("*.yaml")]), ids=lambda p: p.name)
def test_no_false_alarm_on_the_repositorys_own_files(capsys, path):
    _quiet_on(capsys, path)


def test_no_false_alarm_on_files_from_init_and_new_once_filled(tmp_path, capsys):
    """init's comments (机关全称，…, 例如：…) stay after the values a clerk types; new's say 上年：…."""
    first = tmp_path / "init-2025.yaml"
    assert main(["init", str(first)]) == 0
    assert fill(first) > 100
    fresh = tmp_path / "new-2026.yaml"
    assert main(["new", str(EXAMPLE), "-o", str(fresh)]) == 0
    capsys.readouterr()
    assert " # 机关全称" in first.read_text(encoding="utf-8").replace("  ", " ")
    _quiet_on(capsys, first)
    _quiet_on(capsys, fresh)


# -- 4. no-break spaces as indentation -------------------------------------------------------

def test_no_break_spaces_as_indentation_are_named_at_their_line(tmp_path, capsys):
    """Two U+00A0 (copied from a web page) before `penalty:`: was '缩进不一致' at the next line (69:3)."""
    path, text = slipped(tmp_path, "  penalty: 93", "\u00a0\u00a0penalty: 93")
    line, parent = line_of(text, "  penalty: 93"), line_of(text, "active_disclosure:")
    code, heads, err = check(capsys, path)
    assert code == 1 and len(heads) == 1, err
    assert heads[0].startswith(f"{path}:{line}:1: "), err
    assert ("penalty 的缩进里有不换行空格（U+00A0，看起来和空格一样，常见于从网页或 Word 复制来的文字）：YAML 只能用半角空格缩进。"
            f"它属于 active_disclosure（第{parent}行），应与上一行的 licensing 对齐：请把缩进换成 2 个半角空格。") in heads[0], err


def test_a_no_break_space_at_the_start_of_text_is_still_text(tmp_path, capsys):
    """A paragraph's second line that starts with U+00A0 is text to YAML (it was valid): no new error."""
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "ok-2025.yaml"
    old = "    - 将政务公开纳入年度绩效考核，"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "    - 将政务公开纳入年度绩效\n      \u00a0考核，"), encoding="utf-8")
    code, _, err = check(capsys, path)
    assert code == 0, err


# -- 5. the first key indented -------------------------------------------------------------

def test_an_indented_first_key_is_said_at_its_line(tmp_path, capsys):
    """` format: national-2021`: was 'a ... (document end) or % line before this one' at 6:1."""
    path, text = slipped(tmp_path, "format: national-2021", " format: national-2021")
    line, below = line_of(text, "format:"), line_of(text, "agency:")
    code, heads, err = check(capsys, path)
    assert code == 1 and "文档结束符" not in err, err
    assert heads == [f"{path}:{line}:1: format 前面多了缩进：最外层的字段（format、agency、year……）必须顶格写，从第1列开始，"
                     f"而这里缩进了 1 个空格。请删去这一行开头的空格，让它与第{below}行的字段左对齐。"], err


def test_a_real_document_end_line_is_still_named(tmp_path, capsys):
    """A `...` line in the middle of a file: the old message stays right."""
    path, text = slipped(tmp_path, "agency:\n", "...\nagency:\n")
    code, heads, err = check(capsys, path)
    assert code == 1 and "文档结束符" in err, err


def test_the_example_is_copied_unchanged(tmp_path):
    """(The cases above edit a copy; the example itself checks clean — the anchors are its lines.)"""
    shutil.copy(EXAMPLE, tmp_path / "example-2025.yaml")
    assert main(["check", str(tmp_path / "example-2025.yaml")]) == 0


# -- 6. slips inside a list name the list or the item they belong to --------------------------------

@pytest.mark.parametrize("old, new, anchor, parent, message", [
    ("  - 示例市示例局政务公开保密审查办法", "- 示例市示例局政务公开保密审查办法", "  - 示例市示例局政务公开保密审查办法",
     "documents:", "这一项“- ”的缩进不对：它是 documents（第{P}行）下面的一项，应与上一行的“- ”对齐（缩进 2 个空格），这里顶格写了。"),
    ("  - 示例市示例局政务公开保密审查办法", " - 示例市示例局政务公开保密审查办法", "  - 示例市示例局政务公开保密审查办法",
     "documents:", "这一项“- ”的缩进不对：它是 documents（第{P}行）下面的一项，应与上一行的“- ”对齐（缩进 2 个空格），"
                   "这里缩进了 1 个空格。"),
    ("    - 将政务公开纳入年度绩效考核", "- 将政务公开纳入年度绩效考核", "    - 将政务公开纳入年度绩效考核",
     "  oversight:", "这一项“- ”的缩进不对：它是 oversight（第{P}行）下面的第一项，应比 oversight 多缩进 2 个空格（缩进 4 个空格），"
                     "这里顶格写了。"),
    ("        - 开展行政规范性文件清理", "      - 开展行政规范性文件清理", "        - 开展行政规范性文件清理",
     "    - points:", "这一项“- ”的缩进不对：它是 points（第{P}行）下面的一项，应与上一行的“- ”对齐（缩进 8 个空格），"
                       "这里缩进了 6 个空格。"),
    ("    tail: 下一步", "      tail: 下一步", "    tail: 下一步",
     "  - inline_points:", "tail 的缩进不对：它属于第{P}行开始的那一项（problems 的第2项），应与第{P}行的 inline_points 对齐"
                           "（缩进 4 个空格），这里缩进了 6 个空格。"),
    ("    tail: 下一步", "  tail: 下一步", "    tail: 下一步",
     "  - inline_points:", "tail 的缩进不对：它属于第{P}行开始的那一项（problems 的第2项），应与第{P}行的 inline_points 对齐"
                           "（缩进 4 个空格），这里缩进了 2 个空格。"),
], ids=["item-column-1", "item-one-short", "first-item-column-1", "point-two-short", "tail-too-far", "tail-pulled-out"])
def test_a_slip_in_a_list_names_where_it_belongs(tmp_path, capsys, old, new, anchor, parent, message):
    """Was: 缩进不一致：这一行的缩进与上面同一层的字段没有对齐。 (no list, no item, no column to indent to)."""
    path, text = slipped(tmp_path, old, new)
    line, column = line_of(text, anchor), len(new) - len(new.lstrip()) + 1
    code, heads, err = check(capsys, path)
    assert code == 1
    assert heads == [f"{path}:{line}:{column}: " + message.format(P=line_of(text, parent))], err
