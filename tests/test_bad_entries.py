"""Issue 21, item 4: one bad entry of a folder is named, never fatal. A symbolic link that loops
(before: stopped a whole folder build, in English; left out of a folder check's roll-up in
silence), one that points to nothing, a named pipe (never opened: reading it waits forever;
before: left out in silence, and a single-file command said "找不到这个文件" or hung), a file
that cannot be opened (no permission, or locked by another program on Windows), an encrypted PDF,
an empty file: each is a row of the roll-up with its reason in Chinese and is named in the
summary; the other files are built or checked, their outputs byte-identical to a run without the
bad entries.

The tests run as root in CI, where chmod 000 does not stop reading: a file that cannot be opened
is made by raising PermissionError from `open` for that one path, in-process (jobs 1), as Linux
(errno 13) and as Windows raises it for a file another program holds (winerror 32)."""

from __future__ import annotations

import builtins
import csv
import io
import os
import pathlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FACTS

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import published as P  # noqa: E402

from reportgen.cli import main  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are made with os.mkfifo (POSIX)")

LOOP = "是一个循环的符号链接（链接最终又指向自己），没有指向任何文件：请删除或修正这个链接"
PIPE = "不是普通文件，而是命名管道，没有读取：请把真正的文件放到这里"
NO_PERMISSION = "没有读取它的权限，或它正被其他程序（如 WPS、Word）打开锁定"
LOCKED = "文件正被其他程序（如 Word、WPS 或 PDF 阅读器）打开：请关闭它后重试"


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["文件"]: row for row in csv.DictReader(handle)}


def _bad_entries(folder: Path, suffix: str) -> None:
    (folder / f"loop1{suffix}").symlink_to(f"loop2{suffix}")
    (folder / f"loop2{suffix}").symlink_to(f"loop1{suffix}")
    (folder / f"dangling{suffix}").symlink_to(f"gone{suffix}")
    os.mkfifo(folder / f"pipe{suffix}")
    (folder / f"empty{suffix}").write_bytes(b"")


def _refuse_open(monkeypatch, name: str, winerror: int | None = None) -> None:
    """Opening the file called `name` raises PermissionError (as chmod 000 does for a user, or as
    Windows does for a file another program holds when `winerror` is 32)."""
    real_open, real_path_open = builtins.open, pathlib.Path.open

    def refuse(file) -> None:  # type: ignore[no-untyped-def]
        if Path(str(file)).name == name:
            exc = PermissionError(13, "Permission denied", str(file))
            if winerror is not None:
                exc.winerror = winerror  # type: ignore[attr-defined]
            raise exc

    def fake_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(file, (str, os.PathLike)):
            refuse(file)
        return real_open(file, *args, **kwargs)

    def fake_path_open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        refuse(self)
        return real_path_open(self, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(pathlib.Path, "open", fake_path_open)


def _cli(capsys, *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out + out.err


# -- a folder build ---------------------------------------------------------------------------------

def test_bad_entries_of_a_folder_build_are_named_and_the_rest_is_built(tmp_path, capsys, monkeypatch):
    clean, hostile = tmp_path / "clean", tmp_path / "hostile"
    clean.mkdir()
    shutil.copy(SEED_FACTS, clean / "a.yaml")
    shutil.copy(SEED_FACTS, clean / "z.yaml")
    shutil.copytree(clean, hostile)
    _bad_entries(hostile, ".yaml")
    shutil.copy(SEED_FACTS, hostile / "locked.yaml")
    shutil.copy(SEED_FACTS, hostile / "private.yaml")
    code, _ = _cli(capsys, "build", clean, "-o", tmp_path / "clean-out", "--jobs", "1")
    assert code == 0
    _refuse_open(monkeypatch, "locked.yaml", winerror=32)
    _refuse_open(monkeypatch, "private.yaml")
    code, said = _cli(capsys, "build", hostile, "-o", tmp_path / "out", "--jobs", "1")
    assert code == 1
    rows = _rows(tmp_path / "out" / "汇总.csv")
    assert sorted(rows) == ["a.yaml", "dangling.yaml", "empty.yaml", "locked.yaml", "loop1.yaml", "loop2.yaml",
                            "pipe.yaml", "private.yaml", "z.yaml"]
    reasons = {
        "loop1.yaml": LOOP, "loop2.yaml": LOOP, "pipe.yaml": PIPE,
        "dangling.yaml": "是一个符号链接，指向的文件 gone.yaml 不存在：请删除这个链接，或把文件放回原处",
        "empty.yaml": "文件里没有内容", "locked.yaml": LOCKED, "private.yaml": NO_PERMISSION,
    }
    for name, reason in reasons.items():
        assert rows[name]["结果"] == "失败" and reason in rows[name]["问题"], (name, rows[name])
        assert f"{name} 生成失败" in said and reason in said
    assert "Too many levels" not in said and "Permission denied" not in said
    assert "已生成 2 份报告，7 份失败" in said
    for name in ("a.docx", "z.docx"):  # the rest built, exactly as without the bad entries
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "clean-out" / name).read_bytes()
    assert not any((tmp_path / "out" / f"{stem}.docx").exists() for stem in ("loop1", "pipe", "dangling", "empty"))


# -- a folder check ---------------------------------------------------------------------------------

def test_bad_entries_of_a_folder_check_are_rows_with_their_reason(tmp_path, capsys, monkeypatch):
    clean, hostile = tmp_path / "clean", tmp_path / "hostile"
    clean.mkdir()
    shutil.copy(P.CORPUS / "xinmin-street-2012.html", clean)
    shutil.copy(P.CORPUS / "haibin-gazetteer-office-2023.docx", clean)
    shutil.copytree(clean, hostile)
    _bad_entries(hostile, ".pdf")
    os.mkfifo(hostile / "pipe.doc")  # a .doc would go to LibreOffice: it is never handed a pipe
    shutil.copy(P.CORPUS / "chengling-county-office-2023-locked.pdf", hostile / "encrypted.pdf")
    shutil.copy(P.CORPUS / "haibin-gazetteer-office-2023.docx", hostile / "locked.docx")
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # check FOLDER has no --jobs: one process, the patched open
    code, _ = _cli(capsys, "check", clean, "-o", tmp_path / "clean.csv")
    _refuse_open(monkeypatch, "locked.docx", winerror=32)
    code, said = _cli(capsys, "check", hostile, "-o", tmp_path / "检查汇总.csv")
    assert code == 1, said
    rows = _rows(tmp_path / "检查汇总.csv")
    reasons = {
        "loop1.pdf": LOOP, "loop2.pdf": LOOP, "pipe.pdf": PIPE, "pipe.doc": PIPE,
        "dangling.pdf": "指向的文件 gone.pdf 不存在", "empty.pdf": "文件是空的（0 字节）",
        "encrypted.pdf": "这个 PDF 有密码：要输入密码才能打开", "locked.docx": LOCKED,
    }
    for name, reason in reasons.items():
        assert rows[name]["结果"] == "无法读取" and reason in rows[name]["发现的问题"], (name, rows[name])
        assert f"{name}: 错误（发布）：无法读取：" in said
    assert "已检查 10 份报告" in said
    before = _rows(tmp_path / "clean.csv")
    for name in ("xinmin-street-2012.html", "haibin-gazetteer-office-2023.docx"):
        assert rows[name] == before[name]  # checked as if the bad entries were not there


# -- one file -------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, said", [
    (["check", "{pipe}.pdf"], "这个文件" + PIPE),
    (["import", "{pipe}.pdf", "-o", "{dir}/x.yaml"], "这个文件" + PIPE),
    (["build", "{pipe}.yaml", "-o", "{dir}/x.docx"], "这个文件" + PIPE),
    (["check", "{pipe}.yaml"], "这个文件" + PIPE),
    (["check", "{loop}.pdf"], "这个文件" + LOOP),
])
def test_a_single_named_pipe_is_said_to_be_no_regular_file(tmp_path, args, said):
    # in a child process with a timeout: before, build and check of a facts pipe waited forever
    os.mkfifo(tmp_path / "p.pdf")
    os.mkfifo(tmp_path / "p.yaml")
    (tmp_path / "l.pdf").symlink_to("l.pdf")
    argv = [a.format(pipe=tmp_path / "p", loop=tmp_path / "l", dir=tmp_path) for a in args]
    done = subprocess.run([sys.executable, "-m", "reportgen", *argv], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert said in done.stderr + done.stdout, done.stderr
    assert "找不到" not in done.stderr + done.stdout
    assert not (tmp_path / "x.yaml").exists() and not (tmp_path / "x.docx").exists()


def test_an_encrypted_pdf_read_by_ocr_says_it_has_a_password():
    # before: the OCR reader opened the file itself and said PDFium's English words
    from reportgen.importer.ocr import read_scan
    from reportgen.importer.read_docx import ReadError

    with pytest.raises(ReadError, match="这个 PDF 有密码"):
        read_scan(P.CORPUS / "chengling-county-office-2023-locked.pdf")
