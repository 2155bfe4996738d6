"""reportgen's own dated backups are never another agency's facts file (issue 22, second round).

`init --force`, `new --force` and `rollup --force` keep the file they replace as
NAME.备份-YYYYMMDD-HHMMSS.yaml beside it (…-HHMMSS-2.yaml when that name is taken: publish.output.
backup_path). A later `build FOLDER`, `check FOLDER` or `rollup FOLDER` leaves such backups out and
says so in one line (跳过 N 个备份文件……); a file the clerk named like a copy of their own is still read.
"""

from __future__ import annotations

import datetime as _dt
import shutil

import pytest
from conftest import DATA

from reportgen.batch.folder import facts_names, is_backup
from reportgen.cli import main
from reportgen.publish.output import backup_path

NOTE = "跳过 2 个备份文件（加 --force 时留下的带日期副本，不是另一个机关的事实文件）："


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _two_backups(path):
    """Two backups of `path` kept in the same second, named by the function --force uses: the
    second one gets the -2 suffix. Their names, in name order."""
    moment = _dt.datetime(2026, 3, 1, 9, 30, 0)
    made = []
    for _ in range(2):
        target = backup_path(path, moment)
        shutil.copy(path, target)
        made.append(target.name)
    assert made == [f"{path.stem}.备份-20260301-093000.yaml", f"{path.stem}.备份-20260301-093000-2.yaml"]
    return sorted(made)


def _folder(tmp_path):
    """in/ with the two examples of 2025 (two agencies) and two dated backups of the first."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("example-2025.yaml", "example-office-2025.yaml"):
        shutil.copy(DATA / name, folder / name)
    return folder, _two_backups(folder / "example-2025.yaml")


@pytest.mark.parametrize("name, backup", [
    ("example-2025.备份-20260301-093000.yaml", True),
    ("example-2025.备份-20260301-093000-2.yaml", True),
    ("example-2025.备份-20260301-093000-12.YML", True),
    ("汇总-2025.备份-20261206-185210.yml", True),
    ("example-2025.yaml", False),
    ("example-2025 备份.yaml", False),             # a clerk's own copy: still a facts file
    ("example-2025.备份.yaml", False),
    ("example-2025.备份-2026-03-01.yaml", False),  # not the pattern --force writes
    ("example-2025.备份-20260301-093000.docx", False),
])
def test_only_the_exact_backup_pattern_is_left_out(name, backup):
    assert is_backup(name) is backup


def test_facts_names_leaves_backups_out_and_gives_their_names(tmp_path):
    folder, backups = _folder(tmp_path)
    (folder / "example-2025 备份.yaml").write_text("format: national-2021\n", encoding="utf-8")
    found: list[str] = []
    assert facts_names(folder, backups=found) == ["example-2025 备份.yaml", "example-2025.yaml",
                                                  "example-office-2025.yaml"]
    assert found == backups


def test_build_folder_builds_no_report_from_a_backup_and_says_so(tmp_path, capsys):
    folder, backups = _folder(tmp_path)
    out = tmp_path / "out"
    code, stdout, err = _run(capsys, ["build", str(folder), "-o", str(out), "--jobs", "1"])
    assert code == 0
    assert stdout.startswith("已生成 2 份报告，0 份失败；")
    assert f"{NOTE}{'、'.join(backups)}。" in err
    assert sorted(p.name for p in out.glob("*.docx")) == ["example-2025.docx", "example-office-2025.docx"]
    rows = (out / "汇总.csv").read_text(encoding="utf-8-sig")
    assert "备份" not in rows


def test_check_folder_checks_no_backup_and_says_so(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "example-2025.yaml", folder / "example-2025.yaml")
    shutil.copy(DATA / "example-office-2025.yaml", folder / "草稿-2025.yaml")
    # The clerk starts 草稿 over with init --force: the filled-in file is kept as a dated backup.
    assert main(["init", str(folder / "草稿-2025.yaml"), "--agency", "示例局", "--year", "2025", "--force"]) == 0
    capsys.readouterr()
    backups = [p.name for p in folder.iterdir() if p.name.startswith("草稿-2025.备份-")]
    assert len(backups) == 1
    code, out, err = _run(capsys, ["check", str(folder)])
    assert code == 1  # 草稿 has blanks now
    assert out == "2 份事实文件：1 份通过，0 份有错误，1 份还有空没填（共 179 处待填）。\n"
    assert f"提示：跳过 1 个备份文件（加 --force 时留下的带日期副本，不是另一个机关的事实文件）：{backups[0]}。" in err
    assert f"{folder / backups[0]}:" not in err


def test_rollup_sums_no_backup_and_says_so(tmp_path, capsys):
    folder, backups = _folder(tmp_path)
    code, out, err = _run(capsys, ["rollup", str(folder), "-o", str(tmp_path / "汇总-2025.yaml")])
    assert code == 0
    assert "2025 年度 2 个机关的表格逐格相加。" in out and "没有计入" not in out
    assert "同一机关" not in err and "没有计入" not in err
    assert f"提示：{NOTE}{'、'.join(backups)}。" in err


def test_a_folder_of_backups_only_says_why_nothing_is_there(tmp_path, capsys):
    folder, backups = _folder(tmp_path)
    for name in ("example-2025.yaml", "example-office-2025.yaml"):
        (folder / name).unlink()
    code, out, err = _run(capsys, ["rollup", str(folder)])
    assert code != 0
    assert "文件夹里没有事实文件（.yaml）。" in err and NOTE in err
