"""A folder build whose 汇总.xlsx, 汇总.csv or 问题清单.txt cannot be written (open in Excel, made
read-only, a folder of that name in the way) still prints its summary and the failed files' lines,
says the reason in Chinese, and never lets a previous run's file pass for this run's (review of
issue 22, item 4: before, the run ended on `汇总.xlsx: 无法写入（Is a directory）` alone and the
old 汇总.xlsx kept last run's numbers beside a new 汇总.csv)."""

from __future__ import annotations

import csv
import os
import subprocess
from pathlib import Path

import pytest

from conftest import DATA
from reportgen.cli import main

EXAMPLE = DATA / "example-2025.yaml"
PENALTY = "主动公开·行政处罚·本年处理决定数量"


@pytest.fixture
def lock():
    """lock(path): make `path` impossible to replace, as a file open in Excel on Windows is. As root
    chmod does not stop a rename, so the file is made immutable (chattr +i; removed after the test);
    where chattr cannot be used (not root), os.replace onto it and os.unlink of it fail as Windows
    fails them."""
    locked: list[Path] = []
    patched: set[str] = set()
    real_replace, real_unlink = os.replace, os.unlink

    def replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.abspath(dst) in patched:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        return real_replace(src, dst, *args, **kwargs)

    def unlink(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.abspath(path) in patched:
            raise PermissionError(13, "The process cannot access the file", str(path))
        return real_unlink(path, *args, **kwargs)

    def do(path: Path) -> None:
        try:
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
        except OSError:  # no chattr here
            done = False
        if done:
            locked.append(path)
        else:
            patched.add(os.path.abspath(path))
            os.replace, os.unlink = replace, unlink  # type: ignore[assignment]

    yield do
    os.replace, os.unlink = real_replace, real_unlink  # type: ignore[assignment]
    for path in locked:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _folder(tmp_path: Path, penalty: int = 93, broken: bool = True) -> Path:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("  penalty: 93 ") == 1
    (src / "a.yaml").write_text(text.replace("  penalty: 93 ", f"  penalty: {penalty} "), encoding="utf-8")
    if broken:
        (src / "b.yaml").write_text("x: [\n", encoding="utf-8")
    else:
        (src / "b.yaml").unlink(missing_ok=True)
    return src


def _build(tmp_path: Path, capsys) -> tuple[int, str, str]:
    code = main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _penalty_in_csv(out: Path) -> str:
    with (out / "汇总.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return next(row[PENALTY] for row in rows if row["文件"] == "a.yaml")


def test_a_folder_in_place_of_the_workbook_keeps_the_summary(tmp_path, capsys):
    _folder(tmp_path)
    out = tmp_path / "out"
    (out / "汇总.xlsx").mkdir(parents=True)
    code, stdout, stderr = _build(tmp_path, capsys)
    assert code == 1
    assert "b.yaml 生成失败：第2行" in stderr, stderr
    # said before the build too, so the folder can be moved while the files are built
    assert stderr.splitlines()[0] == (f"提示：{out / '汇总.xlsx'} 是一个文件夹，汇总.xlsx 写不进去：请在生成结束前"
                                      "把这个文件夹改名或移走，否则 汇总.xlsx 不会生成。"), stderr
    last = stdout.splitlines()
    assert last[0].startswith("已生成 1 份报告，1 份失败；汇总表：") and "汇总.xlsx" not in last[0], stdout
    assert last[-1].startswith("注意：汇总.xlsx 没有生成：") and "这是一个文件夹，不是文件" in last[-1], stdout
    assert "Is a directory" not in stdout + stderr
    assert _penalty_in_csv(out) == "93"  # the CSV is written all the same
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "汇总.csv", "汇总.xlsx", "问题清单.txt"]


def test_a_locked_workbook_is_said_to_hold_last_runs_numbers(tmp_path, capsys, lock):
    _folder(tmp_path, penalty=93)
    assert _build(tmp_path, capsys)[0] == 1
    out = tmp_path / "out"
    before = (out / "汇总.xlsx").read_bytes()
    _folder(tmp_path, penalty=94)  # the clerk corrects a number and builds again, 汇总.xlsx open in Excel
    lock(out / "汇总.xlsx")
    code, stdout, stderr = _build(tmp_path, capsys)
    assert code == 1
    assert "b.yaml 生成失败" in stderr
    lines = stdout.splitlines()
    assert lines[0].startswith("已生成 1 份报告，1 份失败；汇总表：") and "汇总.xlsx" not in lines[0], stdout
    assert lines[-1].startswith("注意：汇总.xlsx 没有更新，里面还是上次的数字："), stdout
    assert "这次的数字见 汇总.csv" in lines[-1] and "Operation not permitted" not in stdout
    assert (out / "汇总.xlsx").read_bytes() == before  # indeed last run's
    assert _penalty_in_csv(out) == "94"


def test_a_locked_problem_list_is_said_to_be_old(tmp_path, capsys, lock):
    _folder(tmp_path)
    _build(tmp_path, capsys)
    out = tmp_path / "out"
    lock(out / "问题清单.txt")
    code, stdout, stderr = _build(tmp_path, capsys)
    assert code == 1 and "b.yaml 生成失败：第2行" in stderr
    assert stdout.splitlines()[0].startswith("已生成 1 份报告，1 份失败；汇总表：")
    assert "见问题清单" not in stdout, stdout  # not pointed at as this run's
    assert "注意：问题清单.txt 没有更新，里面还是上次的问题：" in stdout, stdout


def test_a_previous_problem_list_that_cannot_be_removed_is_said_not_to_hold(tmp_path, capsys, lock):
    _folder(tmp_path)
    _build(tmp_path, capsys)
    _folder(tmp_path, broken=False)  # b.yaml gone: nothing to list, the old list should go
    lock(tmp_path / "out" / "问题清单.txt")
    code, stdout, _ = _build(tmp_path, capsys)
    assert code == 1
    assert stdout.splitlines()[0].startswith("已生成 1 份报告，0 份失败；汇总表：")
    assert "注意：问题清单.txt 没有更新，里面是上次的问题，这次已不适用：" in stdout, stdout


def test_a_csv_that_cannot_be_written_does_not_leave_the_workbook_looking_new(tmp_path, capsys):
    _folder(tmp_path, penalty=93)
    _build(tmp_path, capsys)
    out = tmp_path / "out"
    before = (out / "汇总.xlsx").read_bytes()
    (out / "汇总.csv").unlink()
    (out / "汇总.csv").mkdir()
    _folder(tmp_path, penalty=94)
    code, stdout, _ = _build(tmp_path, capsys)
    assert code == 1
    assert "汇总表" not in stdout.splitlines()[0], stdout
    assert "注意：汇总.csv 没有生成：" in stdout and "注意：汇总.xlsx 没有更新，里面还是上次的数字：" in stdout, stdout
    assert (out / "汇总.xlsx").read_bytes() == before
