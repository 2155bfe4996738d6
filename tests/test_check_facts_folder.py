"""`reportgen check FOLDER` of facts files stays readable (review of issue 22, item 1 with item 4's
rule for build): each file's blanks in one line, errors and warnings in full, a note shared by many
files said once, the summary last; a local rules file beside the facts files is skipped, said so;
facts files only in a subfolder are pointed at."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA
from reportgen.cli import main


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _fresh(folder: Path, *names: str) -> None:
    folder.mkdir(exist_ok=True)
    for name in names:
        assert main(["init", str(folder / name), "--agency", "示例市测试局", "--year", "2025"]) == 0


def test_files_fresh_from_init_get_one_line_each(tmp_path, capsys):
    folder = tmp_path / "各单位"
    _fresh(folder, "a-2025.yaml", "b-2025.yaml", "c-2025.yaml")
    capsys.readouterr()
    code, out, err = _run(capsys, ["check", str(folder)])
    # before: 62 lines a file (the blanks by part), 186 here; 31,002 for 500 files
    assert code == 1
    assert err.splitlines() == [
        f"{folder / n}: 还有 179 处待填（第一处：第11行 机关简称）；逐处列出：reportgen check {folder / n}"
        for n in ("a-2025.yaml", "b-2025.yaml", "c-2025.yaml")]
    assert out == "3 份事实文件：0 份通过，0 份有错误，3 份还有空没填（共 537 处待填）。\n"


def test_errors_stay_in_full_beside_the_blanks_line(tmp_path, capsys):
    folder = tmp_path / "f"
    _fresh(folder, "c-2025.yaml")
    path = folder / "c-2025.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  penalty:                   # 行政处罚：本年处理决定数量"
    assert text.splitlines()[43] == old  # line 44 of a file from init, read by hand
    path.write_text(text.replace(old, "  penalty: -1                # 行政处罚：本年处理决定数量"), encoding="utf-8")
    capsys.readouterr()
    code, out, err = _run(capsys, ["check", str(folder)])
    assert code == 1
    # the mistake with its source line and caret; the 178 blanks left in one line; the verdict
    lines = err.splitlines()
    assert len(lines) == 5, err
    assert "行政处罚本年处理决定数量" in lines[0] and "不能为负数，这里写的是 -1。" in lines[0]  # (prefix: errors.py's)
    assert lines[1:] == [
        "      penalty: -1                # 行政处罚：本年处理决定数量",
        "               ^",
        f"{path}: 还有 178 处待填（第一处：第11行 机关简称）；逐处列出：reportgen check {path}",
        f"{path}: 检查未通过：还有 178 处待填，1 个错误，0 个警告",
    ], err
    assert out == "1 份事实文件：0 份通过，1 份有错误。\n"


def test_a_note_of_many_files_is_said_once_with_folder_advice(tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    for name in ("a-2025.yaml", "b-2025.yaml"):
        shutil.copy(DATA / "example-2025.yaml", folder / name)
    code, out, err = _run(capsys, ["check", str(folder)])
    assert code == 0 and out == "2 份事实文件：2 份通过，0 份有错误。\n"
    notes = [line for line in err.splitlines() if "没有找到上一年度的事实文件" in line]
    assert len(notes) == 1 and notes[0].startswith("提示（2 份文件：a-2025.yaml、b-2025.yaml）："), err
    assert "--previous" not in err  # refused for a folder: the folder's way is said instead
    assert "文件名中的年份减一" in notes[0]


def test_a_local_rules_file_beside_the_facts_files_is_skipped(tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(DATA / "example-2025.yaml", folder / "a-2025.yaml")
    shutil.copy(DATA / "rules" / "local-rules-example.yaml", folder / "本市要求.yaml")
    code, out, err = _run(capsys, ["check", str(folder)])
    # before: 本市要求.yaml:1:1: 报告格式（第1行）：缺少这个字段 … format, and exit 1
    assert code == 0, err
    assert f"{folder / '本市要求.yaml'}: 这是本地规则文件，不是事实文件，已跳过" in err
    assert "缺少这个字段" not in err
    assert out == "1 份事实文件：1 份通过，0 份有错误；另有 1 份本地规则文件，已跳过。\n"


def test_a_broken_facts_file_with_a_source_key_is_not_taken_for_rules(tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a-2025.yaml").write_text("source: 某通知\nyear: 2025\n", encoding="utf-8")
    code, out, err = _run(capsys, ["check", str(folder)])
    assert code == 1 and "缺少这个字段" in err and "本地规则文件" not in err + out


def test_facts_files_only_in_a_subfolder_are_pointed_at(tmp_path, capsys):
    folder = tmp_path / "f"
    (folder / "二〇二五").mkdir(parents=True)
    shutil.copy(DATA / "example-2025.yaml", folder / "二〇二五" / "a-2025.yaml")
    code, _, err = _run(capsys, ["check", str(folder)])
    assert code == 1
    assert "子文件夹 二〇二五/ 里有事实文件，但检查文件夹只处理所给文件夹本层的文件：请对子文件夹分别运行 reportgen check。" in err
