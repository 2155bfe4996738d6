"""A folder build stays readable (issue 22, item 4): one line per failed file with its first problem
and how many more, every detail in 问题清单.txt beside 汇总.csv, the summary last."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from conftest import DATA, ROOT
from reportgen.cli import main

NEW = "新建-2025.yaml"


def _folder(tmp_path, *, fresh: bool = True):
    """in/ with the two examples of 2025 and (fresh) a file `reportgen new` makes from the 2024 example."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("example-2025.yaml", "example-office-2025.yaml"):
        shutil.copy(DATA / name, folder / name)
    if fresh:
        assert main(["new", str(DATA / "example-2024.yaml"), "-o", str(folder / NEW)]) == 0
    return folder


def _run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """The command line as a clerk runs it, stdout and stderr in one stream as a console shows them."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=tmp_path, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", timeout=300)


def test_a_file_fresh_from_new_gets_one_line_and_its_blanks_go_to_the_problem_list(tmp_path):
    _folder(tmp_path)
    text = (tmp_path / "in" / NEW).read_text(encoding="utf-8").splitlines()
    # Its first blank, found by reading the file: lines 1-29 (agency, year, contacts) are carried over
    # from 2024; line 30 is the value of counts.published (门户网站主动公开政府信息), left empty with
    # last year's 1104 beside it. Blanks are values left empty: 164 of them, as the issue counted.
    assert text[26:30] == ["counts:", "  published:", "    label: 门户网站主动公开政府信息", "    value:       # 上年：1104"]
    done = _run(tmp_path, "build", "in", "-o", "out")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) <= 40, done.stdout  # before: 504 lines, every blank with its source line and caret
    # the progress first, then the summary, its closing lines last
    assert lines[:4] == ["[1/3] example-2025.yaml", "[2/3] example-office-2025.yaml", f"[3/3] {NEW} ✗ 失败", lines[3]]
    assert lines[3].startswith("2 份成功，1 份失败，用时")
    assert lines[-2] == "已生成 2 份报告，1 份失败；汇总表：out/汇总.csv、out/汇总.xlsx"
    assert lines[-1] == "全部问题（每处的行号和改法）见问题清单：out/问题清单.txt"
    named = [line for line in lines if NEW in line]
    assert len(named) == 2 and named[1] == lines[-3]  # the progress line, and the summary's line for the file
    assert named[1].startswith(f"{NEW} 生成失败：")
    for part in ("第30行", "counts.published.value", "还没有填写", "还有 163 处待填"):
        assert part in named[1], named[1]
    assert "另有" not in named[1]  # no error besides the blanks
    assert "example-2025" not in "\n".join(lines[4:])  # a good file is not named in the summary

    listed = (tmp_path / "out" / "问题清单.txt").read_bytes()
    assert listed.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Notepad reads the Chinese
    listing = listed.decode("utf-8-sig")
    assert "\r\n" in listing and "\n" not in listing.replace("\r\n", "")  # CRLF throughout
    assert f"==== {NEW}：生成失败 ====" in listing
    # every blank, listed as `check` lists them: once, by part of the report, one short line per blank
    # or table row, at its line (lines 30 and 275 read off the file: counts.published and processing_fee)
    rows = listing.split("\r\n")
    intro = [line for line in rows if "还有 164 处待填：以下各处还没有填写" in line]
    assert len(intro) == 1 and NEW in intro[0]
    items = [line for line in rows if re.match(r"    第\d+(–\d+)?行 ", line)]
    assert items[0] == "    第30行 门户网站主动公开政府信息（数值）"
    assert items[-1] == "    第275行 信息处理费：请填写金额（没有就填 0）"
    assert "还有 164 处待填，0 个错误，0 个警告" in rows
    assert "example-2025.yaml" not in listing  # the good files have nothing to list


def test_a_good_folder_prints_its_summary_and_leaves_no_problem_list(tmp_path):
    folder = _folder(tmp_path)
    assert _run(tmp_path, "build", "in", "-o", "out").returncode == 1
    assert (tmp_path / "out" / "问题清单.txt").is_file()
    (folder / NEW).unlink()  # the clerk sets the unfinished file aside and builds again
    done = _run(tmp_path, "build", "in", "-o", "out")
    assert done.returncode == 0, done.stdout
    lines = done.stdout.splitlines()
    assert lines[:2] == ["[1/2] example-2025.yaml", "[2/2] example-office-2025.yaml"]
    assert lines[2].startswith("2 份成功，0 份失败，用时")
    assert lines[3:] == ["已生成 2 份报告，0 份失败；汇总表：out/汇总.csv、out/汇总.xlsx"]
    # the previous run's list is gone: nothing in it holds any more
    assert not (tmp_path / "out" / "问题清单.txt").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "example-2025.docx", "example-office-2025.docx", "汇总.csv", "汇总.xlsx"]


def test_the_problem_list_is_rewritten_every_run_and_holds_warnings_too(tmp_path, capsys):
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--jobs", "1"]) == 1
    (folder / NEW).unlink()
    # A file of 2025 saved under a 2024 name builds, with the warning that name and year differ.
    shutil.copy(DATA / "example-2025.yaml", folder / "局-2024.yaml")
    capsys.readouterr()
    assert main(["build", str(folder), "-o", str(out), "--jobs", "1"]) == 0
    said = capsys.readouterr()
    assert said.out.splitlines()[-2:] == [
        f"已生成 3 份报告，0 份失败，1 份有警告；汇总表：{out / '汇总.csv'}、{out / '汇总.xlsx'}",
        f"全部问题（每处的行号和改法）见问题清单：{out / '问题清单.txt'}"]
    assert "局-2024.yaml（1 个）" in said.err
    listing = (out / "问题清单.txt").read_text(encoding="utf-8-sig")
    assert NEW not in listing  # the previous run's file is not left in it
    assert "==== 局-2024.yaml：已生成，有 1 个警告 ====" in listing
    assert "文件名中的年份与报告年度不符" in listing and "    year: 2025" in listing  # in full, with the source line


def test_a_problem_list_that_is_no_list_of_ours_is_never_replaced(tmp_path, capsys):
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    mine = "给局长的待办事项\n".encode("utf-8")
    (out / "问题清单.txt").write_bytes(mine)
    assert main(["build", str(folder), "-o", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "问题清单.txt: 这个文件已经存在，不是 reportgen 写的问题清单" in err
    assert (out / "问题清单.txt").read_bytes() == mine
    assert not list(out.glob("*.docx"))  # refused before anything was built


def test_the_problem_list_is_never_one_of_the_facts_files(tmp_path, capsys):
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "问题清单.txt").symlink_to(folder / "example-2025.yaml")
    before = (folder / "example-2025.yaml").read_bytes()
    assert main(["build", str(folder), "-o", str(out), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "这是这次要读入的事实文件" in err and "加 --force 也不行" in err
    assert (folder / "example-2025.yaml").read_bytes() == before
    assert not list(out.glob("*.docx"))


def test_more_than_twenty_failed_files_are_counted_not_listed_on_screen(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(23):
        (folder / f"局{i:02d}.yaml").write_text("format: national-2021\nyear: 2025\n", encoding="utf-8")
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 1
    said = capsys.readouterr()
    failed = [line for line in said.err.splitlines() if " 生成失败：" in line]
    assert [line.split(" ")[0] for line in failed] == [f"局{i:02d}.yaml" for i in range(20)]
    assert "另有 3 份失败，原因见问题清单。" in said.err
    listing = (tmp_path / "out" / "问题清单.txt").read_text(encoding="utf-8-sig")
    assert all(f"==== 局{i:02d}.yaml：生成失败 ====" in listing for i in range(23))
    assert said.out.splitlines()[0].startswith("已生成 0 份报告，23 份失败")


# -- check FOLDER of published reports: how many passed, and the review page's title -------------------


def test_a_folder_check_says_how_many_passed_and_the_page_has_a_chinese_title(tmp_path, capsys):
    from chromium import measure
    from reportgen.publish.build import build_report

    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for name in ("example-2024", "example-2025", "example-office-2025"):  # the examples: reports that pass
        build_report(DATA / f"{name}.yaml", folder / f"{name}.docx")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")  # no PDF at all: 无法读取, an error
    out = tmp_path / "out"
    assert main(["check", str(folder), "-o", str(out / "检查汇总.csv")]) == 1
    said = capsys.readouterr().out
    assert said.startswith("已检查 4 份报告：1 份有错误，0 份只有警告，3 份通过；")
    page = (out / "审阅.html").read_text(encoding="utf-8")
    # two reports of 2025 (the compared year), one of 2024, and one that could not be read
    assert "<title>政府信息公开工作年度报告审阅（4 份，其中 2 份为2025年度）</title>" in page
    assert '<p class="lead">文件夹：收到的报告；共 4 份报告' in page
    # On a phone (390 px) the title breaks between its parts, never leaving 1-2 characters on a line.
    shown = measure(out / "审阅.html", 390, tmp_path)
    assert shown["scrollWidth"] <= 390
    assert shown["headings"][0] == ["政府信息公开工作年度报告审阅", "（4份，其中2份为2025年度）"]  # spaces not measured
