"""Issue 21, item 1: an output that is one of the run's inputs is refused before anything runs, with
`--force` or without, in Chinese, naming the file and the fix; every file is left byte for byte
(reportgen/publish/inputs.py). Each case is run as a user types it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES

from reportgen.cli import main
from reportgen.publish import output

PUBLISHED = FIXTURES / "published" / "lanzhou-eco-bureau-2023.docx"
FACTS = DATA / "example-2025.yaml"
REFUSED = "不能同时作为输出文件：写入会把它覆盖掉，所以什么也没有写"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (symlinks as their target's name) → its SHA-256."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "->" + os.readlink(path)
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(PUBLISHED, folder / "good.docx")
    return folder


@pytest.fixture
def agencies(tmp_path: Path) -> Path:
    folder = tmp_path / "agencies"
    folder.mkdir()
    shutil.copy(FACTS, folder / "a-2025.yaml")
    text = FACTS.read_text(encoding="utf-8").replace("  name: 示例市示例局\n", "  name: 示例市乙局\n", 1)
    (folder / "b-2025.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("spelling", ["reports/good.docx", "reports/../reports/good.docx", "link.docx"])
def test_check_of_a_folder_never_writes_its_csv_over_a_report(capsys, tmp_path, reports, spelling):
    (tmp_path / "link.docx").symlink_to(reports / "good.docx")
    before = snapshot(tmp_path)
    code, out, err = run(capsys, "check", "reports", "-o", spelling)
    assert code == 1 and out == ""
    assert f"reportgen：{spelling}: 这是这次要读入的已发布的报告" in err and REFUSED in err and "-o 另选" in err
    if spelling == "link.docx":
        assert "（就是 reports/good.docx）" in err  # the file it really is, named
    assert snapshot(tmp_path) == before


def test_check_of_a_folder_never_leaves_its_csv_to_be_read_as_a_report(capsys, tmp_path, reports):
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "check", "reports", "-o", "reports/汇总.docx")
    assert code == 1
    assert "reports/汇总.docx: 输出文件在要读的文件夹 reports 里，又以 .docx 结尾，下次会被当作一份已发布的报告读入" in err
    assert snapshot(tmp_path) == before


def test_check_of_a_folder_never_replaces_a_file_reportgen_did_not_write(capsys, tmp_path, reports):
    mine = tmp_path / "台账.csv"
    mine.write_text("序号,单位\n1,示例局\n", encoding="utf-8")
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "check", "reports", "-o", mine)
    assert code == 1 and f"{mine}: 这个文件已经存在，不是 reportgen 写的检查汇总表，为免覆盖，没有写入" in err
    assert snapshot(tmp_path) == before
    # Its own CSV is replaced by the next check, as before.
    assert run(capsys, "check", "reports", "-o", "out/检查.csv")[0] == 0
    assert run(capsys, "check", "reports", "-o", "out/检查.csv")[0] == 0
    assert (tmp_path / "out" / "检查.csv").read_text(encoding="utf-8-sig").startswith("文件,")


@pytest.mark.parametrize("spelling", ["agencies/a-2025.yaml", "agencies/./a-2025.yaml", "link.yaml"])
def test_rollup_never_replaces_an_agency_file_even_forced(capsys, tmp_path, agencies, spelling):
    (tmp_path / "link.yaml").symlink_to(agencies / "a-2025.yaml")
    before = snapshot(tmp_path)
    code, out, err = run(capsys, "rollup", "agencies", "-o", spelling, "--force")
    assert code == 1 and out == ""
    assert f"{spelling}: 这是这次要读入的一个机关的事实文件" in err and "加 --force 也不行" in err
    assert snapshot(tmp_path) == before


def test_rollup_forced_over_its_own_edited_file_keeps_a_backup(capsys, tmp_path, agencies):
    out = tmp_path / "out" / "汇总.yaml"
    assert run(capsys, "rollup", "agencies", "-o", out)[0] == 0
    edited = out.read_text(encoding="utf-8").replace("各机关政府信息管理情况见各机关的年度报告。", "本区改写过的正文。")
    out.write_text(edited, encoding="utf-8")
    code, _, err = run(capsys, "rollup", "agencies", "-o", out)
    assert code == 1 and "文件已经存在，为免覆盖改写过的正文，没有写入" in err
    assert out.read_text(encoding="utf-8") == edited
    code, said, _ = run(capsys, "rollup", "agencies", "-o", out, "--force")
    assert code == 0
    backups = list(out.parent.glob("汇总.备份-*.yaml"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == edited
    assert f"原文件已备份为 {backups[0]}" in said
    assert "本区改写过的正文" not in out.read_text(encoding="utf-8")


def test_a_rollup_written_into_the_folder_it_sums_is_still_allowed(capsys, tmp_path, agencies):
    """A new file is no input; the marker on its first line keeps it out of the next roll-up."""
    assert run(capsys, "rollup", "agencies", "-o", "agencies/汇总.yaml")[0] == 0
    assert run(capsys, "rollup", "agencies", "-o", "agencies/汇总.yaml", "--force")[0] == 0


def test_import_never_writes_over_the_report_it_reads(capsys, tmp_path):
    shutil.copy(PUBLISHED, tmp_path / "r.docx")
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "import", "r.docx", "-o", "r.docx")
    assert code == 1 and "r.docx: 这是这次要读入的已发布的报告" in err and REFUSED in err
    assert snapshot(tmp_path) == before


def test_build_never_writes_over_its_template_even_forced(capsys, tmp_path, seed_docx):
    template = tmp_path / "T.docx"
    shutil.copy(seed_docx, template)
    shutil.copy(FACTS, tmp_path / "f.yaml")
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "build", "f.yaml", "--template", "T.docx", "-o", "T.docx", "--force")
    assert code == 1 and "T.docx: 这是这次要读入的模板文件" in err and "加 --force 也不行" in err
    assert snapshot(tmp_path) == before


def test_build_never_writes_over_its_facts_file(capsys, tmp_path):
    from reportgen import build_report
    from reportgen.errors import OutputError

    facts = tmp_path / "f.yaml"
    shutil.copy(FACTS, facts)
    (tmp_path / "sub").mkdir()
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "build", "f.yaml", "-o", "f.yaml", "--force")
    assert code == 2 and "输出文件应以 .docx 结尾" in err  # the command line: a usage error
    with pytest.raises(OutputError, match="这是这次要读入的事实文件"):  # the library: refused too
        build_report(facts, tmp_path / "sub" / ".." / "f.yaml", force=True)
    assert snapshot(tmp_path) == before


def test_a_folder_build_into_its_own_folder_leaves_every_facts_file(capsys, tmp_path, agencies):
    """Allowed: what a folder build writes (.docx, 汇总.csv/.xlsx) is never read back as a facts file."""
    before = snapshot(agencies)
    code, _, err = run(capsys, "build", "agencies", "-o", "agencies")
    assert code == 0, err
    after = snapshot(agencies)
    assert {k: v for k, v in after.items() if k in before} == before
    assert sorted(set(after) - set(before)) == ["a-2025.docx", "b-2025.docx", "汇总.csv", "汇总.xlsx"]


@pytest.mark.parametrize("spelling", ["last.yaml", "sub/../last.yaml"])
def test_new_never_writes_over_last_years_file(capsys, tmp_path, spelling):
    shutil.copy(FACTS, tmp_path / "last.yaml")
    (tmp_path / "sub").mkdir()
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "new", "last.yaml", "-o", spelling)
    assert code == 1 and f"{spelling}: 这是这次要读入的上一年度的事实文件" in err
    assert snapshot(tmp_path) == before


def test_schema_never_replaces_a_file_that_is_not_its_schema(capsys, tmp_path):
    shutil.copy(FACTS, tmp_path / "facts.yaml")
    before = snapshot(tmp_path)
    code, _, err = run(capsys, "schema", "-o", "facts.yaml")
    assert code == 1 and "facts.yaml: 这个文件已经存在，不是 reportgen 写的事实文件的 JSON Schema" in err
    assert snapshot(tmp_path) == before
    assert run(capsys, "schema", "-o", "s.json")[0] == 0
    assert run(capsys, "schema", "-o", "s.json")[0] == 0  # its own schema is replaced


# -- one writer per file: a second import or roll-up to the same file is refused ---------------------

def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize("command", ["import", "rollup"])
def test_a_second_run_writing_the_same_file_is_refused_at_once(tmp_path, agencies, command):
    out = tmp_path / "out.yaml"
    shutil.copy(PUBLISHED, tmp_path / "r.docx")
    args = ["import", "r.docx", "-o", "out.yaml"] if command == "import" else ["rollup", "agencies", "-o", "out.yaml"]
    with output.lock(out):  # another run is writing it (the lock is held by this process)
        done = _cli(*args, cwd=tmp_path)
    said = "导入" if command == "import" else "汇总"
    assert done.returncode == 1
    assert f"out.yaml: 另一个 reportgen {said}正在写入这个文件，为免两次互相覆盖，这次没有写入" in done.stderr
    assert not out.exists()


def test_two_imports_to_one_file_at_once_one_writes_one_refuses(tmp_path):
    shutil.copy(PUBLISHED, tmp_path / "r.docx")
    command = [sys.executable, "-m", "reportgen", "import", "r.docx", "-o", "out.yaml"]
    procs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"}) for _ in range(2)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        results.append((p.returncode, out, err))
    assert sorted(code for code, _, _ in results) == [0, 1], results
    loser = next(err for code, _, err in results if code == 1)
    assert "另一个 reportgen 导入正在写入这个文件" in loser or "文件已经存在" in loser
    assert sum("已生成" in out for _, out, _ in results) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml", "r.docx"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_given_as_the_csv_is_never_opened(capsys, tmp_path, reports):
    os.mkfifo(tmp_path / "pipe.csv")
    code, _, err = run(capsys, "check", "reports", "-o", "pipe.csv")  # returns: the pipe is never opened
    assert code == 1 and "pipe.csv: 这不是一个普通文件（是管道或设备），没有写入" in err
